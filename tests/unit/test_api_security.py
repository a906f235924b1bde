"""Keys, dev mode, limits and the one error shape, with a fake model."""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

import agents.chains
from api.app import create_app
from api.auth import AuthNotConfiguredError
from api.observability.logs import configure_logging
from config.settings import Settings
from tests.unit.api_support import (
    ALICE,
    BOB,
    KEYS,
    loopback_client,
    serving,
    slow_model_factory,
    sse,
)
from tests.unit.conftest import keyed

PROTECTED = [
    ("POST", "/chat"),
    ("GET", "/threads"),
    ("GET", "/threads/abc"),
    ("DELETE", "/threads/abc"),
    ("POST", "/threads/abc/cancel"),
    ("GET", "/info"),
]
# One model call (a trip plan is one call per day): the slot tests only need an open stream.
# One model call: a travel question no KB-led answer takes (dish asks are the KB's now).
ONE_CALL = "Where should I stay in Tokyo for my first visit?"


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong-key"},
        {"Authorization": f"Basic {KEYS['alice']}"},
        {"X-Api-Key": "wrong-key"},
        {"X-Api-Key": ""},
    ],
)
def test_no_valid_key_gets_401(client: TestClient, method: str, path: str, headers: dict) -> None:
    resp = client.request(method, path, headers=headers, json={"message": "hi"})
    assert resp.status_code == 401
    assert resp.json()["error"]["type"] == "unauthorized"
    assert resp.headers["www-authenticate"] == "Bearer"


def test_x_api_key_is_read_like_a_bearer_key(client: TestClient) -> None:
    """agent-chat-ui and other LangGraph clients send the key as `X-Api-Key`."""
    mine = client.get("/threads", headers={"X-Api-Key": KEYS["alice"]})
    assert mine.status_code == 200
    assert client.get("/threads", headers=ALICE).json() == mine.json()


def test_dev_mode_gives_401_to_a_wrong_x_api_key(tmp_path: Path) -> None:
    app = create_app(keyed(tmp_path, api={"dev_mode": True}))
    with loopback_client(app) as local:
        assert local.get("/threads", headers={"X-Api-Key": "nope"}).status_code == 401
        assert local.get("/threads", headers={"X-Api-Key": KEYS["alice"]}).status_code == 200


def test_public_endpoints_need_no_key(client: TestClient) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/openapi.json").status_code == 200


def test_dev_mode_serves_loopback_without_a_key_and_nobody_else(tmp_path: Path) -> None:
    app = create_app(keyed(tmp_path, api={"keys": {}, "dev_mode": True}))
    with loopback_client(app) as local:
        events = sse(local, {"message": "第二天想去逛街购物，杭州"}, headers={})
        assert events[-1][0] == "end"
        assert len(local.get("/threads").json()["threads"]) == 1
    remote_client = TestClient(app, base_url="http://127.0.0.1:8080", client=("203.0.113.9", 4000))
    with remote_client as remote:
        assert remote.post("/chat", json={"message": "hi"}).status_code == 401


FOREIGN = [
    {"Host": "attacker.example:8080", "Origin": "http://attacker.example:8080"},  # rebinding
    {"Host": "attacker.example:8080"},
    {"Host": "127.0.0.1.attacker.example:8080"},
    {"Host": "127.0.0.1:9999"},  # another local port
    {"Host": "127.0.0.1:8080", "Origin": "http://attacker.example"},
    {"Host": "127.0.0.1:8080", "Origin": "http://localhost:3000"},  # another local dev server
    {"Host": "127.0.0.1:8080", "Origin": "null"},  # sandboxed iframe, file:// page
    {"Host": ""},
]
LOCAL = [
    {"Host": "127.0.0.1:8080"},
    {"Host": "localhost:8080", "Origin": "http://localhost:8080"},
    {"Host": "[::1]:8080", "Origin": "http://[::1]:8080"},
    {"Host": "LOCALHOST"},  # a proxy's $host drops the port
]


@pytest.mark.parametrize("headers", FOREIGN)
@pytest.mark.parametrize(("method", "path"), [("POST", "/chat"), ("GET", "/threads")])
def test_dev_mode_answers_no_foreign_host_or_origin(
    tmp_path: Path, headers: dict, method: str, path: str
) -> None:
    """Issue 12: a DNS-rebinding page got 200 from dev mode (only the client address counted)."""
    app = create_app(keyed(tmp_path, api={"keys": {}, "dev_mode": True}))
    with loopback_client(app) as local:
        body = {"message": "hi", "stream": False}
        resp = local.request(method, path, json=body, headers=headers)
    assert resp.status_code == 403
    assert resp.json()["error"]["type"] == "forbidden"


@pytest.mark.parametrize("headers", LOCAL)
def test_dev_mode_answers_loopback_hosts_and_origins(tmp_path: Path, headers: dict) -> None:
    app = create_app(keyed(tmp_path, api={"keys": {}, "dev_mode": True}))
    with loopback_client(app) as local:
        assert local.get("/threads", headers=headers).status_code == 200


@pytest.mark.parametrize(
    "authorization", ["Basic YWxpY2U6cHc=", "Bearer", "Bearer ", "Token abc", "Bearer wrong-key"]
)
def test_dev_mode_gives_401_to_any_authorization_but_a_valid_key(
    tmp_path: Path, authorization: str
) -> None:
    """Issue 12: `Basic`, a bare `Bearer` or `Token` were read as "no key" and served as dev."""
    app = create_app(keyed(tmp_path, api={"dev_mode": True}))
    with loopback_client(app) as local:
        resp = local.get("/threads", headers={"Authorization": authorization})
        assert local.get("/threads").status_code == 200
        assert local.get("/threads", headers=ALICE).status_code == 200
    assert resp.status_code == 401
    assert resp.json()["error"]["type"] == "unauthorized"


def test_a_key_owner_named_dev_refuses_to_start(tmp_path: Path) -> None:
    """Issue 12: owner `dev` would share its threads with every key-less loopback caller."""
    with pytest.raises(AuthNotConfiguredError, match="'dev'"):
        create_app(keyed(tmp_path, api={"keys": {"dev": "dev-key-0123456789"}, "dev_mode": True}))
    with pytest.raises(AuthNotConfiguredError, match="'dev'"):
        create_app(keyed(tmp_path, api={"keys": {"dev": "dev-key-0123456789"}}))


def test_dev_mode_refuses_a_public_interface() -> None:
    with pytest.raises(ValidationError, match="dev_mode"):
        Settings(_env_file=None, api={"dev_mode": True, "host": "0.0.0.0"})  # type: ignore[call-arg]
    Settings(_env_file=None, api={"dev_mode": True, "host": "127.0.0.1"})  # type: ignore[call-arg]
    Settings(_env_file=None, api={"dev_mode": True, "host": "localhost"})  # type: ignore[call-arg]


def test_no_keys_and_no_dev_mode_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(AuthNotConfiguredError):
        create_app(keyed(tmp_path, api={"keys": {}}))


def test_message_length_is_limited_with_422(tmp_path: Path) -> None:
    with loopback_client(create_app(keyed(tmp_path, api={"max_message_chars": 20}))) as client:
        resp = client.post("/chat", json={"message": "秘" * 21}, headers=ALICE)
        ok = client.post(
            "/chat", json={"message": "帮我规划三天行程", "stream": False}, headers=ALICE
        )
    assert resp.status_code == 422
    assert resp.json()["error"] == {
        "type": "validation_error",
        "message": "message: at most 20 characters",
    }
    assert ok.status_code == 200


def test_body_size_is_limited_with_413(tmp_path: Path) -> None:
    with loopback_client(create_app(keyed(tmp_path, api={"max_body_bytes": 1000}))) as client:
        declared = client.post("/chat", json={"message": "x" * 2000}, headers=ALICE)

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"message": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        streamed = client.post(
            "/chat", content=chunks(), headers={**ALICE, "Content-Type": "application/json"}
        )
    for resp in (declared, streamed):
        assert resp.status_code == 413
        assert resp.json()["error"]["type"] == "body_too_large"
        assert resp.headers["x-request-id"]


def test_rate_limit_per_key_gets_429_with_retry_after(tmp_path: Path) -> None:
    with loopback_client(create_app(keyed(tmp_path, api={"rate_limit_per_minute": 3}))) as client:
        codes = [client.get("/threads", headers=ALICE).status_code for _ in range(4)]
        limited = client.get("/threads", headers=ALICE)
        other_key = client.get("/threads", headers={"Authorization": f"Bearer {KEYS['bob']}"})
    assert codes == [200, 200, 200, 429]
    assert limited.json()["error"]["type"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert other_key.status_code == 200, "the limit is per key"


def slow_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **api: object) -> FastAPI:
    """The app with these API limits whose answers come from the slow fake model: a KB-led
    answer can end before a second request arrives on a loaded machine, freeing the slot it
    was to hold (a flake seen in CI, 2026-12-04)."""
    monkeypatch.setattr(agents.chains, "chat_model", slow_model_factory(0.005))
    return create_app(keyed(tmp_path, api=api, graph={"kb_grounding": False}))


def test_concurrent_streams_are_limited_with_503(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = slow_app(tmp_path, monkeypatch, max_concurrent_streams=1, retry_after_s=7)
    with serving(app) as url, httpx.Client(base_url=url, headers=ALICE, timeout=30) as client:
        started = threading.Event()

        def long_stream() -> None:
            with client.stream("POST", "/chat", json={"message": ONE_CALL}) as r:
                for line in r.iter_lines():
                    if line.startswith("event: messages"):
                        started.set()

        t = threading.Thread(target=long_stream)
        t.start()
        assert started.wait(10)
        busy = client.post("/chat", json={"message": "另一个问题 trip"})
        t.join(60)
        after = client.post("/chat", json={"message": ONE_CALL, "stream": False})
    assert busy.status_code == 503
    assert busy.json()["error"]["type"] == "too_many_streams"
    assert busy.headers["retry-after"] == "7"
    assert after.status_code == 200


def test_one_owner_cannot_take_every_reply_slot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: one key could hold all replies; now it gets 429 + Retry-After past its cap."""
    app = slow_app(tmp_path, monkeypatch, max_streams_per_owner=1, retry_after_s=7)
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        started = threading.Event()

        def long_stream() -> None:
            body = {"message": ONE_CALL}
            with client.stream("POST", "/chat", json=body, headers=ALICE) as r:
                for line in r.iter_lines():
                    if line.startswith("event: messages"):
                        started.set()

        t = threading.Thread(target=long_stream)
        t.start()
        assert started.wait(10)
        capped = client.post("/chat", json={"message": "另一个问题 trip"}, headers=ALICE)
        quick = {"message": ONE_CALL, "stream": False}
        other = client.post("/chat", json=quick, headers=BOB)
        t.join(60)
        after = client.post("/chat", json=quick, headers=ALICE)
    assert capped.status_code == 429
    assert capped.json()["error"]["type"] == "too_many_replies"
    assert capped.headers["retry-after"] == "7"
    assert other.status_code == 200, "the cap is per owner"
    assert after.status_code == 200
    assert app.state.slots.in_use == 0


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [("GET", "/nope", 404), ("PUT", "/chat", 405), ("GET", "/threads/a%2F..%2Fb", 404)],
)
def test_every_error_has_the_one_shape(
    client: TestClient, method: str, path: str, status: int
) -> None:
    resp = client.request(method, path, headers=ALICE)
    assert resp.status_code == status
    assert set(resp.json()) == {"error"}
    assert {"type", "message"} <= set(resp.json()["error"])


def test_logs_carry_request_ids_and_never_api_keys(keyed_settings: Settings) -> None:
    out = io.StringIO()
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("text", "INFO", stream=out)  # what `python -m api` does
    try:
        with (
            serving(create_app(keyed_settings)) as url,
            httpx.Client(base_url=url, timeout=30) as client,
        ):
            ok = client.post(
                "/chat",
                json={"message": "第二天想去逛街购物，杭州", "stream": False},
                headers=ALICE,
            )
            bad = client.get("/threads", headers={"Authorization": "Bearer sk-guessed-secret-1"})
    finally:
        root.handlers[:], _ = saved
        root.setLevel(saved[1])
    logs = out.getvalue()
    assert ok.status_code == 200
    assert bad.status_code == 401
    for resp in (ok, bad):
        assert resp.headers["x-request-id"] in logs
    for secret in (*KEYS.values(), "sk-guessed-secret-1"):
        assert secret not in logs
