"""Shared fixtures: settings for tests never read the developer's .env or environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"backend": "fake"},
        # The doctor's model path (streaming, guard, labels) is what these fixtures exercise;
        # the card-led default has its own tests (tests/unit/test_card_answer.py).
        doctor={"answer": "model"},
        api={"dev_mode": True},
        store={"checkpoint_db": tmp_path / "threads.sqlite"},
    )
