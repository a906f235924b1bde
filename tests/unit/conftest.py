"""Unit-test fixtures: an app with two API keys (alice, bob) and the fake model; vLLM's venv."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from config.settings import Settings
from serving.prepare import vllm_venv_dir
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


@pytest.fixture(scope="module")
def vllm_python() -> Path:
    """vLLM's own venv (torch, safetensors, vLLM's parsers), for tests that run code there."""
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    if settings.vllm.python is not None:
        return settings.vllm.python
    root = vllm_venv_dir(settings)
    if (root / ".ready").exists():
        return root / "bin" / "python"
    if os.environ.get("CI"):
        pytest.fail("vLLM's venv is missing; `make test` builds it (make prepare) before pytest")
    pytest.skip("vLLM's venv is not built on this machine; run `make prepare`")
