"""Operations with a fake model: Prometheus metrics, JSON logs, the shutdown drain of a stream."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import anyio
import pytest
from fastapi.testclient import TestClient
from httpx_sse import connect_sse
from sse_starlette import ServerSentEvent

from api.app import create_app
from api.observability.logs import configure_logging
from api.observability.shutdown import drain_on_shutdown
from config.settings import Settings

# API keys (issue 5's auth) are ignored by apps that do not check them; sent either way.
KEYS = {"ops": "ops-key-0123456789abcdef"}
AUTH = {"Authorization": f"Bearer {KEYS['ops']}"}


@pytest.fixture
def keyed_settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"backend": "fake"},
        doctor={"answer": "model"},  # counts the model's streamed chunks
        store={"checkpoint_db": tmp_path / "threads.sqlite"},
        # Prometheus's key is an API key too: one header serves both in these tests
        api={"keys": KEYS, "metrics_key": KEYS["ops"]},
    )


@pytest.fixture
def client(keyed_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(keyed_settings), headers=AUTH) as c:
        yield c


def chat(client: TestClient, message: str) -> list[str]:
    with connect_sse(client, "POST", "/chat", json={"message": message}) as source:
        return [e.event for e in source.iter_sse()]


def sample(text: str, name: str, **labels: str) -> float | None:
    """The value of one sample in Prometheus text exposition, or None when it is absent."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        m = re.fullmatch(rf"{re.escape(name)}(?:\{{(.*)\}})? (\S+)", line)
        if not m:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1) or ""))
        if found == labels:
            return float(m.group(2))
    return None


def test_metrics_count_requests_routes_chunks_and_stream_outcomes(client: TestClient) -> None:
    assert chat(client, "我脸上长痘痘怎么办？")[-1] == "end"
    assert chat(client, "第二天想去逛街购物，杭州")[-1] == "end"
    resp = client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    assert sample(text, "tg_http_requests_total", method="POST", route="/chat", status="200") == 2
    route = {"expert": "medical", "domain": "medical", "model": "medical-expert"}
    assert sample(text, "tg_chat_routes_total", **route) == 1
    itinerary = {"expert": "itinerary", "domain": "travel", "model": "Qwen2.5-Coder-0.5B-Instruct"}
    assert sample(text, "tg_chat_routes_total", **itinerary) == 1
    chunks = sample(text, "tg_chat_stream_chunks_total", expert="medical", model="medical-expert")
    assert chunks is not None
    assert chunks >= 2  # one per released sentence: the scripted answer has two
    assert sample(text, "tg_chat_stream_duration_seconds_count", outcome="ok") == 2
    assert sample(text, "tg_chat_time_to_first_token_seconds_count") == 2
    assert sample(text, "tg_chat_streams_active") == 0
    assert sample(text, "tg_chat_errors_total", type="llm_unavailable") is None
    # Process metrics come along (memory of each replica).
    assert sample(text, "process_resident_memory_bytes") is not None


def test_metrics_label_routes_by_template_and_count_422(client: TestClient) -> None:
    assert client.post("/chat", json={}).status_code == 422
    client.get("/no/such/path")
    text = client.get("/metrics").text
    assert sample(text, "tg_http_requests_total", method="POST", route="/chat", status="422") == 1
    assert (
        sample(text, "tg_http_requests_total", method="GET", route="unmatched", status="404") == 1
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_metrics_count_errors_from_a_dead_model_server(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"openai_api_base": f"http://127.0.0.1:{free_port()}/v1", "timeout_s": 5},
        store={"checkpoint_db": tmp_path / "t.sqlite"},
        api={"keys": KEYS, "metrics_key": KEYS["ops"]},
    )
    with TestClient(create_app(settings), headers=AUTH) as client:
        events = chat(client, "第二天想去逛街购物，杭州")
        text = client.get("/metrics").text
    assert events[-2:] == ["error", "end"]
    assert sample(text, "tg_chat_errors_total", type="llm_unavailable") == 1
    assert sample(text, "tg_chat_stream_duration_seconds_count", outcome="llm_unavailable") == 1


def test_each_app_has_its_own_registry(keyed_settings: Settings) -> None:
    settings = keyed_settings
    with (
        TestClient(create_app(settings), headers=AUTH) as a,
        TestClient(create_app(settings), headers=AUTH) as b,
    ):
        chat(a, "我脸上长痘痘怎么办？")
        route = {"expert": "medical", "domain": "medical", "model": "medical-expert"}
        assert sample(a.get("/metrics").text, "tg_chat_routes_total", **route) == 1
        assert sample(b.get("/metrics").text, "tg_chat_routes_total", **route) is None


# --- logs -----------------------------------------------------------------------------------


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    yield
    root.handlers[:], _ = saved
    root.setLevel(saved[1])


@pytest.mark.usefixtures("restore_logging")
def test_json_logs_are_one_object_per_line_with_fields_and_tracebacks() -> None:
    out = io.StringIO()
    configure_logging("json", "INFO", out)
    log = logging.getLogger("trip.test")
    log.info("路线 %s", "杭州", extra={"thread_id": "t-1"})
    log.debug("not at INFO")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("failed")
    logging.getLogger("uvicorn.access").info("GET /health 200")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 3
    first, second, access = lines
    assert first["message"] == "路线 杭州"  # formatted, and not \u-escaped
    assert "路线 杭州" in out.getvalue()
    assert first["level"] == "INFO"
    assert first["logger"] == "trip.test"
    assert first["thread_id"] == "t-1"
    assert first["request_id"] == "-"
    assert "timestamp" in first
    assert second["level"] == "ERROR"
    assert "ValueError: boom" in second["exc_info"]
    assert access["logger"] == "uvicorn.access"


@pytest.mark.usefixtures("restore_logging")
def test_json_logs_carry_the_request_id() -> None:
    """From asgi-correlation-id's context (issue 5's middleware) when installed, else the record."""
    out = io.StringIO()
    configure_logging("json", "INFO", out)
    try:
        from asgi_correlation_id import correlation_id
    except ImportError:
        logging.getLogger("trip.test").info("hi", extra={"correlation_id": "abc123"})
    else:
        token = correlation_id.set("abc123")
        try:
            logging.getLogger("trip.test").info("hi")
        finally:
            correlation_id.reset(token)
    line = json.loads(out.getvalue())
    assert line["request_id"] == "abc123"
    assert "correlation_id" not in line


@pytest.mark.usefixtures("restore_logging")
def test_text_logs_stay_readable() -> None:
    out = io.StringIO()
    configure_logging("text", "INFO", out)
    logging.getLogger("trip.test").warning("plain")
    assert re.search(r"WARNING \[-\] trip\.test: plain$", out.getvalue().strip())


# --- the shutdown drain, without a server ------------------------------------------------------


def frame(name: str, data: object = None) -> ServerSentEvent:
    return ServerSentEvent(event=name, data=json.dumps(data))


class Source:
    """A stream that yields `n` chunks `delay_s` apart and records whether it was closed."""

    def __init__(self, n: int, delay_s: float) -> None:
        self.n, self.delay_s = n, delay_s
        self.closed = self.finished = False

    async def events(self) -> AsyncIterator[ServerSentEvent]:
        try:
            yield frame("metadata", {"run_id": "r"})
            for i in range(self.n):
                await asyncio.sleep(self.delay_s)
                yield frame("messages", [{"content": str(i)}, {}])
            yield frame("end")
            self.finished = True
        finally:
            self.closed = True


async def collect(stream: AsyncIterator[ServerSentEvent]) -> list[tuple[str | None, object]]:
    return [(e.event, json.loads(str(e.data))) async for e in stream]


async def shut_down_after(event: anyio.Event, delay_s: float) -> None:
    await asyncio.sleep(delay_s)
    event.set()


async def test_a_stream_that_finishes_within_the_drain_is_left_alone() -> None:
    source, shutdown = Source(n=5, delay_s=0.05), anyio.Event()
    asyncio.get_running_loop().create_task(shut_down_after(shutdown, 0.07))
    got = await collect(drain_on_shutdown(source.events(), shutdown, drain_s=5))
    assert [name for name, _ in got] == ["metadata", *["messages"] * 5, "end"]
    assert source.finished


async def test_a_stream_still_running_at_the_deadline_ends_with_error_and_end() -> None:
    source, shutdown = Source(n=100, delay_s=0.05), anyio.Event()
    asyncio.get_running_loop().create_task(shut_down_after(shutdown, 0.12))
    started = asyncio.get_running_loop().time()
    got = await collect(drain_on_shutdown(source.events(), shutdown, drain_s=0.2))
    took = asyncio.get_running_loop().time() - started
    names = [name for name, _ in got]
    assert names[0] == "metadata"
    assert names[-2:] == ["error", "end"]
    assert got[-2][1]["error"] == "server_shutdown"  # type: ignore[index]
    assert 2 <= names.count("messages") < 100
    assert source.closed
    assert not source.finished
    assert took < 1.0


async def test_without_shutdown_the_stream_is_relayed_unchanged() -> None:
    source = Source(n=3, delay_s=0.01)
    got = await collect(drain_on_shutdown(source.events(), anyio.Event(), drain_s=0))
    assert [name for name, _ in got] == ["metadata", "messages", "messages", "messages", "end"]


async def test_a_reader_that_goes_away_closes_the_producer() -> None:
    source = Source(n=100, delay_s=0.01)
    stream = drain_on_shutdown(source.events(), anyio.Event(), drain_s=5)
    assert (await anext(stream)).event == "metadata"
    await stream.aclose()  # type: ignore[attr-defined]
    assert source.closed
    assert not source.finished
