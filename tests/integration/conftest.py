"""End-to-end fixtures: one real vLLM (CPU) server with the real adapter, real API processes.

vLLM is started once per session on a free port (3-5 min here), shared by every integration
test, and controllable (`VLLMServer`: kill, freeze, restart) for the fault tests, which are
ordered last because they kill and restart it (one restart per session). API processes come from
`api_factory` (given env: keys, SQLite file or PostgreSQL URL, timeouts); a PostgreSQL server is
started from the Debian packages when a test asks for `postgres_url`.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from config.setting_groups import LlmSettings
from config.settings import REPO_ROOT, Settings
from serving.embedder_process import EmbedderProcess, running_embedder
from serving.prepare import prepare
from serving.vllm_server import (
    check_lora_modules,
    ensure_port_free,
    lora_modules,
    server_root,
    stop_process_group,
    vllm_command,
    vllm_env,
    wait_healthy,
)
from tests.integration.postgres import running_postgres

ARTIFACTS = REPO_ROOT / "test-artifacts"
API_KEYS = {"alice": "e2e-alice-key-7f3a9c", "bob": "e2e-bob-key-1d8e2b"}
FAULTS_MARK = "vllm_faults"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fault tests kill and restart the shared vLLM: run them after everything else."""
    items.sort(key=lambda item: item.get_closest_marker(FAULTS_MARK) is not None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def auth(owner: str = "alice") -> dict[str, str]:
    return {"Authorization": f"Bearer {API_KEYS[owner]}"}


class VLLMServer:
    """The session's vLLM process, which fault tests may kill, freeze and start again."""

    def __init__(self, settings: Settings, python: Path) -> None:
        self.settings = settings
        self.python = python
        self.proc: subprocess.Popen[bytes] | None = None
        self.root = server_root(settings)
        self.url = f"{self.root}/v1"

    def start(self) -> float:
        check_lora_modules(self.settings, lora_modules(self.settings))
        ensure_port_free(self.settings.vllm.host, self.settings.vllm.port)
        with artifact("vllm.log").open("ab") as log:
            self.proc = subprocess.Popen(
                vllm_command(self.settings, self.python),
                env=vllm_env(self.settings),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return wait_healthy(self.root, self.settings.vllm.startup_timeout_s, self.proc)

    def signal(self, sig: signal.Signals) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, sig)

    def kill(self) -> None:
        """SIGKILL the whole group: the crash the fault tests simulate."""
        self.signal(signal.SIGKILL)
        assert self.proc is not None
        self.proc.wait(timeout=30)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None:
            self.signal(signal.SIGCONT)  # a frozen server cannot shut down
            stop_process_group(self.proc)
            self.proc = None

    def running_requests(self) -> float:
        """vLLM's own gauge `vllm:num_requests_running`, summed over models."""
        text = httpx.get(f"{self.root}/metrics", timeout=5).text
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("vllm:num_requests_running")
        )


@dataclass
class ApiProcess:
    url: str
    env: dict[str, str]
    name: str
    proc: subprocess.Popen[bytes] | None = None
    _logs: list = field(default_factory=list)
    module: str = "api"  # the entry point (tests.unit.slow_fake_api: the same app, fake model)

    def start(self, timeout_s: float = 90) -> None:
        log = artifact(f"api-{self.name}.log").open("ab")
        self._logs.append(log)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.module],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_healthy(self.url, timeout_s, self.proc)

    def stop(self) -> None:
        if self.proc is not None:
            stop_process_group(self.proc)
            self.proc = None
        for log in self._logs:
            log.close()
        self._logs.clear()

    def client(self, owner: str = "alice") -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=auth(owner), timeout=300)


class ApiFactory:
    def __init__(
        self, settings: Settings, vllm_url: str, tmp: Path, reading_url: str | None = None
    ) -> None:
        self.settings = settings
        self.vllm_url = vllm_url
        self.tmp = tmp
        self.reading_url = reading_url  # the reading server, as `make run` wires it
        self.started: list[ApiProcess] = []

    def __call__(self, name: str, start: bool = True, **env: str) -> ApiProcess:
        port = free_port()
        full_env = {
            **os.environ,
            "OPENAI_API_BASE": self.vllm_url,
            "TG_API_HOST": "127.0.0.1",
            "TG_API_PORT": str(port),
            "TG_API_KEYS": json.dumps(API_KEYS),
            "TG_DEV_MODE": "false",
            "TG_CHECKPOINT_DB": str(self.tmp / f"{name}.sqlite"),
            "TG_MAX_TOKENS": str(self.settings.llm.max_tokens),
            # These APIs prove the adapter's streamed path; the card-led default (opening
            # questions answered from the cards, follow-ups by the adapter): test_card_led_e2e.
            "TG_DOCTOR_ANSWER": self.settings.doctor.answer,
            **({"TG_TRIAGE_MEANING_URL": self.reading_url} if self.reading_url else {}),
            **env,
        }
        api = ApiProcess(f"http://127.0.0.1:{port}", full_env, name)
        self.started.append(api)
        if start:
            api.start()
        return api

    def stop_all(self) -> None:
        for api in self.started:
            api.stop()


@dataclass(frozen=True)
class Stack:
    settings: Settings
    vllm_url: str  # .../v1
    api_url: str


IN_USE_VERSION = LlmSettings.model_fields["medical_adapter_version"].default


@pytest.fixture(scope="session")
def e2e_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"max_tokens": 48},
        doctor={"answer": "model"},
        # test_adapters_e2e compares v1 and the chosen version by name beside medical-expert
        vllm={"port": free_port(), "extra_adapter_versions": ["v1", IN_USE_VERSION]},
        api={"port": free_port()},
        store={"checkpoint_db": tmp_path_factory.mktemp("api") / "threads.sqlite"},
    )


@pytest.fixture(scope="session")
def vllm(e2e_settings: Settings) -> Iterator[VLLMServer]:
    server = VLLMServer(e2e_settings, prepare(e2e_settings))
    try:
        took = server.start()
        print(f"\nvLLM healthy after {took:.0f}s", flush=True)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def vllm_url(vllm: VLLMServer) -> str:
    return vllm.url


@pytest.fixture(scope="session")
def reading_server(e2e_settings: Settings) -> Iterator[EmbedderProcess]:
    """The reading server (serving/embedder.py) beside vLLM, as `make run` starts it; the
    reading layer's training vectors are read here once, so no API start waits for them."""
    from graph.triage.meaning import meaning_reader

    settings = e2e_settings.updated(triage={"meaning_port": free_port()})
    with running_embedder(settings, prepare(settings), artifact("embedder.log")) as server:
        server.wait_ready()
        assert meaning_reader(server.url, 5.0, settings.paths.fitted_models_dir) is not None
        yield server


@pytest.fixture(scope="session")
def api_factory(
    e2e_settings: Settings,
    vllm_url: str,
    reading_server: EmbedderProcess,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ApiFactory]:
    factory = ApiFactory(
        e2e_settings, vllm_url, tmp_path_factory.mktemp("apis"), reading_server.url
    )
    try:
        yield factory
    finally:
        factory.stop_all()


@pytest.fixture(scope="session")
def stack(e2e_settings: Settings, vllm_url: str, api_factory: ApiFactory) -> Stack:
    api = api_factory("main", TG_CHECKPOINT_DB=str(e2e_settings.store.checkpoint_db))
    settings = e2e_settings.updated(llm={"openai_api_base": vllm_url})
    return Stack(settings, vllm_url, api.url)


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.api_url, headers=auth(), timeout=300) as client:
        yield client


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with running_postgres(free_port()) as url:
        yield url


def wait_for(check: object, timeout_s: float, interval_s: float = 0.5) -> float:
    """Poll `check()` until truthy; return the seconds it took (fail after timeout_s)."""
    started = time.monotonic()
    while True:
        if check():  # type: ignore[operator]
            return time.monotonic() - started
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"condition not met within {timeout_s:.0f}s")
        time.sleep(interval_s)
