"""API unit-test fixtures: an app with two API keys (alice, bob) and the fake model."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from tests.unit.api_support import KEYS, loopback_client


def keyed(tmp_path: Path, **groups: Mapping[str, object]) -> Settings:
    """Two keys and the fake model; `groups` change fields per group: `api={"dev_mode": True}`."""
    base = Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"backend": "fake"},
        # These tests stream a model-answered doctor; the card-led default: test_card_answer.py.
        doctor={"answer": "model"},
        store={"checkpoint_db": tmp_path / "threads.sqlite"},
        api={"keys": KEYS},
    )
    return base.updated(**groups)


@pytest.fixture
def keyed_settings(tmp_path: Path) -> Settings:
    return keyed(tmp_path)


@pytest.fixture
def client(keyed_settings: Settings) -> Iterator[TestClient]:
    with loopback_client(create_app(keyed_settings)) as c:
        yield c
