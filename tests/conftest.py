"""Shared fixtures: settings for tests never read the developer's .env or environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import Settings


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm_backend="fake",
        dev_mode=True,
        checkpoint_db=tmp_path / "threads.sqlite",
    )
