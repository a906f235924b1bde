"""End-to-end fixtures: one real vLLM (CPU) server with the real adapter, one real API process.

Both are started once per test session on free ports and stopped at the end, whatever happens.
Starting vLLM takes about a minute (longer on a cold compile cache), so every integration test
shares them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from config.settings import REPO_ROOT, Settings
from serving.prepare import prepare
from serving.vllm_server import running_vllm, server_root, stop_process_group, wait_healthy

ARTIFACTS = REPO_ROOT / "test-artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Stack:
    settings: Settings
    vllm_url: str  # .../v1
    api_url: str


@pytest.fixture(scope="session")
def e2e_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        vllm_port=free_port(),
        api_port=free_port(),
        checkpoint_db=tmp_path_factory.mktemp("api") / "threads.sqlite",
        max_tokens=48,
    )


@pytest.fixture(scope="session")
def vllm_url(e2e_settings: Settings) -> Iterator[str]:
    python = prepare(e2e_settings)
    ARTIFACTS.mkdir(exist_ok=True)
    with running_vllm(e2e_settings, python, log_path=ARTIFACTS / "vllm.log"):
        yield f"{server_root(e2e_settings)}/v1"


@pytest.fixture(scope="session")
def stack(e2e_settings: Settings, vllm_url: str) -> Iterator[Stack]:
    settings = e2e_settings.model_copy(update={"openai_api_base": vllm_url})
    env = {
        **os.environ,
        "OPENAI_API_BASE": vllm_url,
        "TG_API_PORT": str(settings.api_port),
        "TG_CHECKPOINT_DB": str(settings.checkpoint_db),
        "TG_MAX_TOKENS": str(settings.max_tokens),
    }
    api_url = f"http://{settings.api_host}:{settings.api_port}"
    log = (ARTIFACTS / "api.log").open("ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "api"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_healthy(api_url, 60, proc)
        yield Stack(settings, vllm_url, api_url)
    finally:
        stop_process_group(proc)
        log.close()


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.api_url, timeout=300) as client:
        yield client


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
