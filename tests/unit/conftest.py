"""API unit-test fixtures: an app with two API keys (alice, bob) and the fake model."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from tests.unit.api_support import KEYS, loopback_client


def keyed(tmp_path: Path, **overrides: object) -> Settings:
    fields: dict[str, object] = {
        "llm_backend": "fake",
        # These tests stream a model-answered doctor; the card-led default: test_card_answer.py.
        "doctor_answer": "model",
        "checkpoint_db": tmp_path / "threads.sqlite",
        "api_keys": KEYS,
        **overrides,
    }
    return Settings(_env_file=None, **fields)  # type: ignore[call-arg, arg-type]


@pytest.fixture
def keyed_settings(tmp_path: Path) -> Settings:
    return keyed(tmp_path)


@pytest.fixture
def client(keyed_settings: Settings) -> Iterator[TestClient]:
    with loopback_client(create_app(keyed_settings)) as c:
        yield c
