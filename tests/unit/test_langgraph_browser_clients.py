"""What a browser chat UI on another origin (agent-chat-ui) needs of the LangGraph Server API:
CORS for the origins the operator lists (none by default), `GET /langgraph/info`, and runs that
name the thread's head checkpoint, as useStream sends with every turn after the first.
The UI itself in Chromium: scripts/agent_chat_ui_check.py (docs/langgraph_api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.app import create_app
from api.langgraph_schemas import GRAPH_ID
from config.settings import Settings
from tests.unit.api_support import ALICE, KEYS, loopback_client
from tests.unit.conftest import keyed

UI = "http://127.0.0.1:5190"
ELSEWHERE = "http://evil.example"
TURN = {"messages": [{"type": "human", "content": "第二天想去逛街购物，杭州"}]}


@pytest.fixture
def ui_client(tmp_path: Path) -> Iterator[TestClient]:
    with loopback_client(create_app(keyed(tmp_path, api={"cors_origins": [UI]}))) as c:
        yield c


def preflight(client: TestClient, origin: str, path: str = "/langgraph/threads/search") -> object:
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )


def test_a_listed_origin_passes_preflight_with_the_headers_the_sdk_sends(
    ui_client: TestClient,
) -> None:
    resp = preflight(ui_client, UI)
    assert resp.status_code == 200, resp.text  # type: ignore[attr-defined]
    headers = resp.headers  # type: ignore[attr-defined]
    assert headers["access-control-allow-origin"] == UI
    allowed = {h.strip().lower() for h in headers["access-control-allow-headers"].split(",")}
    assert {"x-api-key", "authorization", "content-type"} <= allowed
    assert "POST" in headers["access-control-allow-methods"]


def test_a_listed_origin_reads_answers_and_the_run_headers(ui_client: TestClient) -> None:
    resp = ui_client.post(
        "/langgraph/threads/search", json={}, headers={"Origin": UI, "X-Api-Key": KEYS["alice"]}
    )
    assert resp.status_code == 200
    assert resp.headers["access-control-allow-origin"] == UI
    exposed = {h.strip().lower() for h in resp.headers["access-control-expose-headers"].split(",")}
    assert {"content-location", "retry-after", "x-request-id"} <= exposed
    # a refusal reaches the page as a readable error, not an opaque network failure
    refused = ui_client.post("/langgraph/threads/search", json={}, headers={"Origin": UI})
    assert refused.status_code == 401
    assert refused.headers["access-control-allow-origin"] == UI


def test_other_origins_get_no_cors_headers(ui_client: TestClient) -> None:
    assert preflight(ui_client, ELSEWHERE).status_code == 400  # type: ignore[attr-defined]
    resp = ui_client.post(
        "/langgraph/threads/search", json={}, headers={**ALICE, "Origin": ELSEWHERE}
    )
    assert "access-control-allow-origin" not in resp.headers


def test_no_cors_unless_asked(client: TestClient) -> None:
    """The default (no TG_CORS_ORIGINS) changes nothing for existing deployments."""
    resp = preflight(client, UI)
    assert "access-control-allow-origin" not in resp.headers  # type: ignore[attr-defined]
    resp = client.post("/langgraph/threads/search", json={}, headers={**ALICE, "Origin": UI})
    assert resp.status_code == 200
    assert "access-control-allow-origin" not in resp.headers


@pytest.mark.parametrize(
    "origin", ["http://127.0.0.1:5190/", "127.0.0.1:5190", "http://h/path", "ftp://h", "http://"]
)
def test_an_origin_a_browser_never_sends_refuses_to_start(tmp_path: Path, origin: str) -> None:
    with pytest.raises(ValidationError, match="is not an origin"):
        keyed(tmp_path, api={"cors_origins": [origin]})


def test_origins_parse_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TG_CORS_ORIGINS", f'["{UI}", "https://chat.example.com:8443", "*"]')
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.api.cors_origins == [UI, "https://chat.example.com:8443", "*"]


def test_cors_with_dev_mode_refuses_to_start(tmp_path: Path) -> None:
    """Dev mode serves loopback without a key and only pages of its own origin
    (api/loopback_guard.py); CORS there would open it to another page."""
    with pytest.raises(ValidationError, match="dev_mode"):
        Settings(_env_file=None, api={"dev_mode": True, "cors_origins": [UI]})  # type: ignore[call-arg]


def test_info_answers_as_the_langgraph_server_does(ui_client: TestClient) -> None:
    resp = ui_client.get("/langgraph/info", headers={"X-Api-Key": KEYS["alice"], "Origin": UI})
    assert resp.status_code == 200
    info = resp.json()
    assert set(info) == {"version", "langgraph_py_version", "flags", "host"}
    assert info["flags"] == {"assistants": True, "crons": False, "langsmith": False}
    assert info["langgraph_py_version"][0].isdigit()
    assert resp.headers["access-control-allow-origin"] == UI
    refused = ui_client.get("/langgraph/info")
    assert refused.status_code == 401
    assert refused.json()["error"]["type"] == "unauthorized"


def _head(client: TestClient, thread_id: str) -> dict[str, str]:
    """The head checkpoint as useStream sends it: from the history, `thread_id` removed."""
    history = client.post(f"/langgraph/threads/{thread_id}/history", json={"limit": 1000})
    checkpoint = dict(history.json()[0]["checkpoint"])
    del checkpoint["thread_id"]
    return checkpoint


def test_a_turn_naming_the_head_checkpoint_continues_the_thread(ui_client: TestClient) -> None:
    ui_client.headers.update(ALICE)
    thread_id = ui_client.post("/langgraph/threads", json={}).json()["thread_id"]
    run = {"assistant_id": GRAPH_ID, "input": TURN, "stream_mode": ["values"]}
    created = _head(ui_client, thread_id)  # the empty checkpoint POST /threads made
    first = ui_client.post(
        f"/langgraph/threads/{thread_id}/runs/wait", json={**run, "checkpoint": created}
    )
    assert first.status_code == 200, first.text
    head = _head(ui_client, thread_id)
    second = ui_client.post(
        f"/langgraph/threads/{thread_id}/runs/stream", json={**run, "checkpoint": head}
    )
    assert second.status_code == 200, second.text
    assert "event: error" not in second.text
    messages = ui_client.get(f"/langgraph/threads/{thread_id}/state").json()["values"]["messages"]
    assert [m["type"] for m in messages] == ["human", "ai", "human", "ai"]

    # `head` is now an earlier checkpoint: starting there would fork the thread (edit,
    # regenerate), which is not served
    for body in ({"checkpoint": head}, {"checkpoint_id": head["checkpoint_id"]}):
        stale = ui_client.post(f"/langgraph/threads/{thread_id}/runs/wait", json={**run, **body})
        assert stale.status_code == 422, stale.text
        assert stale.json()["error"]["message"].startswith("checkpoint")
    unchanged = ui_client.get(f"/langgraph/threads/{thread_id}/state").json()["values"]
    assert len(unchanged["messages"]) == 4


def test_a_checkpoint_on_a_thread_that_does_not_exist_yet_is_422(ui_client: TestClient) -> None:
    body = {
        "assistant_id": GRAPH_ID,
        "input": TURN,
        "if_not_exists": "create",
        "checkpoint": {"checkpoint_ns": "", "checkpoint_id": "1f0-not-there"},
    }
    resp = ui_client.post("/langgraph/threads/lg-new-thread/runs/wait", json=body, headers=ALICE)
    assert resp.status_code == 422, resp.text
    assert ui_client.get("/langgraph/threads/lg-new-thread", headers=ALICE).status_code == 404
