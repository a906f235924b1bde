"""The HTTP API with a fake chat model: SSE framing, bad input, a dead model server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx_sse import connect_sse

from api.app import create_app
from config.settings import Settings


@pytest.fixture
def client(fake_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(fake_settings)) as c:
        yield c


def sse(client: TestClient, body: dict) -> list[tuple[str, object]]:
    with connect_sse(client, "POST", "/chat", json=body) as source:
        assert source.response.status_code == 200
        assert source.response.headers["content-type"].startswith("text/event-stream")
        return [(e.event, json.loads(e.data)) for e in source.iter_sse()]


def test_chat_streams_the_langgraph_vocabulary_in_order(client: TestClient) -> None:
    events = sse(client, {"message": "我脸上长痘痘怎么办？"})
    names = [name for name, _ in events]
    assert names[0] == "metadata"
    assert names[1] == "custom"
    assert names[-1] == "end"
    assert "error" not in names
    meta = events[0][1]
    assert isinstance(meta, dict)
    assert set(meta) == {"run_id", "thread_id"}
    route = events[1][1]
    assert route["type"] == "route"
    assert route["experts"][0] == {
        "name": "medical",
        "domain": "medical",
        "model": "medical-expert",
    }
    tokens = [data for name, data in events if name == "messages"]
    assert len(tokens) > 3
    for chunk, labels in tokens:
        assert chunk["type"] in {"AIMessageChunk", "ai"}
        assert labels["expert"] == "medical"
        assert labels["model"] == "medical-expert"
    assert events[-1][1] is None


def test_thread_id_continues_a_conversation(client: TestClient) -> None:
    first = sse(client, {"message": "帮我规划三天的杭州行程"})
    thread = first[0][1]["thread_id"]
    second = sse(client, {"message": "第二天换成去博物馆吧", "thread_id": thread})
    assert second[0][1]["thread_id"] == thread
    assert second[1][1]["experts"][0]["name"] == "itinerary"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"message": ""},
        {"message": "   "},
        {"message": 42},
        {"message": "hi", "thread_id": 7},
        {"message": "hi", "thread_id": "../../etc"},
        {"message": "hi", "unknown": True},
    ],
)
def test_bad_bodies_get_422_with_the_error_shape(client: TestClient, body: dict) -> None:
    resp = client.post("/chat", json=body)
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["type"] == "validation_error"
    assert err["message"]


def test_malformed_json_gets_422(client: TestClient) -> None:
    resp = client.post("/chat", content=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status_code == 422
    assert resp.json()["error"]["type"] == "validation_error"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dead_model_server_gives_503_ready_and_an_error_event(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        openai_api_base=f"http://127.0.0.1:{free_port()}/v1",
        checkpoint_db=tmp_path / "t.sqlite",
        llm_timeout_s=5,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert ready.json()["error"]["type"] == "llm_unavailable"
        events = sse(client, {"message": "帮我规划三天的杭州行程"})
        thread = {"configurable": {"thread_id": events[0][1]["thread_id"]}}  # type: ignore[index]
        state = client.portal.call(app.state.graph.aget_state, thread)  # type: ignore[union-attr]
    # The accepted message is kept even though no answer could be produced.
    assert [m.content for m in state.values["messages"]] == ["帮我规划三天的杭州行程"]
    names = [n for n, _ in events]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    error = dict(events)["error"]
    assert isinstance(error, dict)
    assert error["error"] == "llm_unavailable"
    assert "Traceback" not in json.dumps(error)


def test_health_is_always_ok(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
