"""SIGTERM to a real API process (`python -m api` entry, slow fake model) while a reply streams.

What an orchestrator does on every deploy and scale-down: the process must stop taking new
connections, let an open answer finish if it can within TG_SHUTDOWN_DRAIN_S, otherwise end it
with `error` (server_shutdown) + `end` — never a stream that just breaks — and then exit. Its log
lines must be JSON (TG_LOG_FORMAT=json), as in the containers.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from httpx_sse import connect_sse

from config.settings import REPO_ROOT
from serving.vllm_server import wait_healthy
from tests.unit.api_support import is_ping


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Api:
    proc: subprocess.Popen[bytes]
    url: str
    log_path: Path


@pytest.fixture
def start_api(tmp_path: Path) -> Iterator[object]:
    started: list[subprocess.Popen[bytes]] = []

    def start(*, chunk_delay_s: float, drain_s: float) -> Api:
        port = free_port()
        log_path = tmp_path / f"api-{port}.log"
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": os.environ.get("HOME", str(tmp_path)),
            "PYTHONPATH": str(REPO_ROOT),
            "TG_LLM_BACKEND": "fake",
            "TG_DOCTOR_ANSWER": "model",  # a streamed (model) answer to cut
            "TG_API_HOST": "127.0.0.1",
            "TG_API_PORT": str(port),
            "TG_CHECKPOINT_DB": str(tmp_path / f"threads-{port}.sqlite"),
            "TG_LOG_FORMAT": "json",
            "TG_DEV_MODE": "true",  # issue 5's auth: key-less requests from loopback
            "TG_SHUTDOWN_DRAIN_S": str(drain_s),
            "TG_TEST_CHUNK_DELAY_S": str(chunk_delay_s),
        }
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.unit.slow_fake_api"],
                cwd=tmp_path,  # no developer .env is read
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(proc)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, 60, proc)
        return Api(proc, url, log_path)

    yield start
    for proc in started:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def stream_and_terminate(api: Api) -> tuple[list[tuple[str, object]], bool, float]:
    """Read a chat stream; SIGTERM the server at the first token. Returns (events, refused, t)."""
    events: list[tuple[str, object]] = []
    refused_new_connection = False
    sent_at = 0.0
    with (
        httpx.Client(base_url=api.url, timeout=60) as client,
        connect_sse(client, "POST", "/chat", json={"message": "我脸上长痘痘怎么办？"}) as source,
    ):
        for sse in source.iter_sse():
            if is_ping(sse):  # keep-alive comments while the first sentence is checked
                continue
            events.append((sse.event, json.loads(sse.data)))
            if sse.event == "messages" and not sent_at:
                os.kill(api.proc.pid, signal.SIGTERM)
                sent_at = time.monotonic()
                refused_new_connection = wait_until_refused(api.url, within_s=3.0)
    return events, refused_new_connection, sent_at


def wait_until_refused(url: str, within_s: float) -> bool:
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/health", timeout=0.5)
        except httpx.ConnectError:
            return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False


def exited_after_graceful_shutdown(api: Api, timeout_s: float) -> bool:
    """Uvicorn re-raises the captured SIGTERM once it has shut down, so -SIGTERM is the clean code
    (what Docker expects); the log says the server finished rather than being killed mid-way."""
    code = api.proc.wait(timeout=timeout_s)
    finished = "Finished server process" in api.log_path.read_text()
    return code in (0, -signal.SIGTERM) and finished


def assert_json_log(path: Path) -> list[dict]:
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    assert lines, "the API logged nothing"
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"level", "logger", "message", "timestamp"} <= set(r) for r in records)
    return records


def test_sigterm_lets_an_open_answer_finish_then_exits(start_api) -> None:  # type: ignore[no-untyped-def]
    # ~50 chunks after the first token (token release shows the first one at once): ~10 s,
    # inside the 15 s drain (at 0.3 s a chunk it only fitted while the first sentence was held)
    api = start_api(chunk_delay_s=0.2, drain_s=15)
    events, refused, sent_at = stream_and_terminate(api)
    names = [n for n, _ in events]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    assert "error" not in names  # the whole answer arrived
    text = "".join(d[0]["content"] for n, d in events if n == "messages")  # type: ignore[index]
    assert text.endswith("这是一个测试回答。")
    assert refused, "the server kept accepting connections while draining"
    assert exited_after_graceful_shutdown(api, timeout_s=20)
    records = assert_json_log(api.log_path)
    assert any("shutdown" in r["message"].lower() for r in records)
    assert time.monotonic() - sent_at < 15


def test_sigterm_ends_an_answer_that_outlasts_the_drain_cleanly(start_api) -> None:  # type: ignore[no-untyped-def]
    api = start_api(chunk_delay_s=2.0, drain_s=1)
    events, _, sent_at = stream_and_terminate(api)
    names = [n for n, _ in events]
    ended_after = time.monotonic() - sent_at
    assert names[0] == "metadata"
    assert names[-2:] == ["error", "end"]
    assert events[-2][1] == {
        "error": "server_shutdown",
        "message": "The server is restarting and stopped this reply. Please send it again.",
    }
    assert names.count("messages") < 13  # cut short, not finished
    assert ended_after < 1 + 3  # the drain, not the 26 s the answer would have taken
    assert exited_after_graceful_shutdown(api, timeout_s=15)
    messages = [r["message"] for r in assert_json_log(api.log_path)]
    assert any("ended an unfinished chat stream" in m for m in messages)


def test_sigterm_answers_a_json_chat_that_outlasts_the_drain_with_503(start_api) -> None:  # type: ignore[no-untyped-def]
    """Found by the soak: uvicorn's graceful-shutdown timeout cancelled a JSON-mode chat into a
    bare 500. It gets the drain a stream gets, then 503 `server_shutdown` in the reply shape."""
    api = start_api(chunk_delay_s=2.0, drain_s=1)
    with httpx.Client(base_url=api.url, timeout=60) as client:
        result: dict[str, httpx.Response] = {}

        def ask() -> None:
            result["reply"] = client.post(
                "/chat", json={"message": "我脸上长痘痘怎么办？", "stream": False}
            )

        asker = threading.Thread(target=ask)
        asker.start()
        time.sleep(3.0)  # the run is under way: the slow answer takes ~26 s
        os.kill(api.proc.pid, signal.SIGTERM)
        sent_at = time.monotonic()
        asker.join(timeout=30)
    reply = result["reply"]
    assert reply.status_code == 503, reply.text
    assert reply.headers["retry-after"]
    body = reply.json()
    assert body["error"]["type"] == "server_shutdown"
    assert body["thread_id"]
    assert body["run_id"]
    assert time.monotonic() - sent_at < 1 + 3  # the drain, not uvicorn's drain + 5 s timeout
    assert exited_after_graceful_shutdown(api, timeout_s=15)
