"""The API facing clients without nginx (issue 12): /metrics behind a key, header and body
limits, failed keys rate-limited per address, and no user text in the logs at any level."""

from __future__ import annotations

import io
import logging
import socket
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.observability.logs import configure_logging
from tests.unit.api_support import ALICE, loopback_client, serving
from tests.unit.conftest import keyed

METRICS_KEY = "metrics-key-5a1c0e9f"


def test_metrics_need_the_metrics_key(tmp_path: Path) -> None:
    app = create_app(keyed(tmp_path, api={"metrics_key": METRICS_KEY}))
    with loopback_client(app) as client:
        anonymous = client.get("/metrics")
        api_key = client.get("/metrics", headers=ALICE)
        wrong = client.get("/metrics", headers={"Authorization": "Bearer metrics-key-5a1c0e9e"})
        scrape = client.get("/metrics", headers={"Authorization": f"Bearer {METRICS_KEY}"})
    assert [r.status_code for r in (anonymous, api_key, wrong)] == [404, 404, 404]
    assert anonymous.json()["error"]["type"] == "not_found"
    assert scrape.status_code == 200
    assert "tg_http_requests_total" in scrape.text


def test_metrics_without_a_key_only_in_dev_mode(tmp_path: Path) -> None:
    with loopback_client(create_app(keyed(tmp_path / "a"))) as client:
        assert client.get("/metrics", headers=ALICE).status_code == 404
    with loopback_client(
        create_app(keyed(tmp_path / "b", api={"keys": {}, "dev_mode": True}))
    ) as dev:
        assert dev.get("/metrics").status_code == 200


def test_too_many_headers_get_431(tmp_path: Path) -> None:
    with loopback_client(create_app(keyed(tmp_path, api={"max_header_count": 20}))) as client:
        many = {f"X-Pad-{i}": "x" for i in range(30)}
        resp = client.get("/health", headers=many)
        ok = client.get("/health", headers=dict(list(many.items())[:5]))
    assert resp.status_code == 431
    assert resp.json()["error"]["type"] == "headers_too_large"
    assert ok.status_code == 200


def test_a_huge_header_is_refused(tmp_path: Path) -> None:
    """A 32 MB header on /health got 200; here 1 MB against a 16 KB limit."""
    settings = keyed(tmp_path)
    with serving(create_app(settings), settings) as url:
        try:  # uvicorn answers 400 and closes; the client may still be sending (reset)
            refused = httpx.get(f"{url}/health", headers={"X-Big": "a" * 1_000_000}).status_code
        except httpx.TransportError:
            refused = 0
        ok = httpx.get(f"{url}/health", headers={"X-Small": "a" * 1000}, timeout=10)
    assert refused in (0, 400)
    assert ok.status_code == 200


def test_a_partial_body_gets_408_instead_of_holding_the_connection(tmp_path: Path) -> None:
    settings = keyed(tmp_path, api={"body_timeout_s": 0.5})
    with serving(create_app(settings), settings) as url:
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + f"Authorization: {ALICE['Authorization']}\r\n".encode()
                + b'Content-Length: 100\r\n\r\n{"message": "'
            )
            started = time.monotonic()
            answer = sock.recv(65536).decode()
    assert time.monotonic() - started < 5
    assert answer.startswith("HTTP/1.1 408"), answer[:200]
    assert '"request_timeout"' in answer


def test_failed_keys_are_rate_limited_per_address(tmp_path: Path) -> None:
    app = create_app(keyed(tmp_path, api={"auth_failures_per_minute": 3}))
    guess = {"Authorization": "Bearer guessed-key-000"}
    with loopback_client(app) as client:
        codes = [client.get("/threads", headers=guess).status_code for _ in range(4)]
        blocked = client.get("/threads", headers=ALICE)
        basic = client.get("/threads", headers={"Authorization": "Basic YWxpY2U6cHc="})
    other = TestClient(app, base_url="http://127.0.0.1:8080", client=("10.0.0.7", 4000))
    with other:
        elsewhere = other.get("/threads", headers=ALICE)
    assert codes == [401, 401, 401, 429]
    assert blocked.status_code == 429, "past the limit even a right key waits"
    assert basic.status_code == 429
    assert 1 <= int(blocked.headers["retry-after"]) <= 60
    assert blocked.json()["error"]["type"] == "rate_limited"
    assert elsewhere.status_code == 200, "the limit is per client address"


def test_no_message_text_in_the_logs_even_at_debug(tmp_path: Path) -> None:
    out = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("text", "DEBUG", stream=out)
    secret = "zanzibar-itinerary-7f3a9c"
    try:
        with loopback_client(create_app(keyed(tmp_path))) as client:
            body = {"message": f"plan a trip to {secret}", "stream": False}
            reply = client.post("/chat", json=body, headers=ALICE)
            thread = reply.json()["thread_id"]
            client.get(f"/threads/{thread}", headers=ALICE)
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
        for name in ("aiosqlite", "psycopg", "openai", "httpcore", "langsmith"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    logs = out.getvalue()
    assert reply.status_code == 200
    assert "DEBUG" in logs, "the capture saw debug lines at all"
    assert secret not in logs


@pytest.mark.parametrize("settings_key", ["max_header_count", "auth_failures_per_minute"])
def test_limits_are_listed_in_info(tmp_path: Path, settings_key: str) -> None:
    with loopback_client(create_app(keyed(tmp_path))) as client:
        limits = client.get("/info", headers=ALICE).json()["limits"]
    assert settings_key in limits
