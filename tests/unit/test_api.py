"""The chat protocol with a fake chat model: SSE vocabulary, ids, headers, JSON replies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from langgraph_sdk.sse import BytesLineDecoder, SSEDecoder
from sse_starlette import ServerSentEvent

from api.app import create_app
from api.observability.shutdown import shutdown_frames
from api.streaming import numbered
from tests.unit.api_support import ALICE, free_port, loopback_client, sse
from tests.unit.conftest import keyed


def test_chat_streams_the_langgraph_vocabulary_in_order(client: TestClient) -> None:
    events = sse(client, {"message": "我脸上长痘痘怎么办？"})
    names = [name for name, _ in events]
    assert names[0] == "metadata"
    assert names[1] == "custom"
    assert names[-1] == "end"
    assert "error" not in names
    meta = events[0][1]
    assert set(meta) == {"run_id", "thread_id"}
    route = events[1][1]
    assert route["type"] == "route"
    assert route["experts"][0] == {
        "name": "medical",
        "domain": "medical",
        "model": "medical-expert",
    }
    tokens = [data for name, data in events if name == "messages"]
    # guarded experts stream what the guard released: by default (token release) the first
    # text at once, then whole words and CJK characters, each sentence checked at its end
    texts = [chunk["content"] for chunk, _ in tokens if chunk["content"]]
    assert "".join(texts) == "[medical-expert] This is a scripted answer. 这是一个测试回答。"
    assert texts[0] == "[medical-expert]"  # before its sentence ended
    for chunk, labels in tokens:
        assert chunk["type"] in {"AIMessageChunk", "ai"}
        assert labels["expert"] == "medical"
        assert labels["model"] == "medical-expert"
    assert events[-1][1] is None


def test_every_event_has_an_id_and_the_response_names_thread_and_run(client: TestClient) -> None:
    resp = client.post("/chat", json={"message": "第二天想去逛街购物，杭州"}, headers=ALICE)
    assert resp.status_code == 200
    blocks = [b for b in resp.text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    events = [b for b in blocks if not b.startswith(":")]
    ids = [line[4:] for b in events for line in b.split("\n") if line.startswith("id: ")]
    assert len(ids) == len(events) >= 4
    assert len(set(ids)) == len(ids)
    first = json.loads(next(line[6:] for line in events[0].split("\n") if line.startswith("data")))
    run_id, thread_id = first["run_id"], first["thread_id"]
    assert ids == [f"{run_id}:{i}" for i in range(len(ids))]
    assert resp.headers["content-location"] == f"/threads/{thread_id}/runs/{run_id}"
    assert resp.headers["x-request-id"]


def test_langgraph_sdk_decoder_parses_the_stream(client: TestClient) -> None:
    """Our wire format is LangGraph's: the SDK's own SSE decoder must read it unchanged."""
    with client.stream(
        "POST", "/chat", json={"message": "我脸上长痘痘怎么办？"}, headers=ALICE
    ) as resp:
        lines, decoder, parts = BytesLineDecoder(), SSEDecoder(), []
        for chunk in resp.iter_bytes():
            for line in lines.decode(chunk):
                if (part := decoder.decode(bytes(line))) is not None:
                    parts.append(part)
        for line in lines.flush():
            if (part := decoder.decode(bytes(line))) is not None:
                parts.append(part)
    assert next(p.event for p in parts) == "metadata"
    assert parts[-1].event == "end"
    assert parts[-1].data is None
    assert parts[0].data["thread_id"]
    assert all(p.id for p in parts)
    messages = [p.data for p in parts if p.event == "messages"]
    assert messages
    assert all(isinstance(m, list) and len(m) == 2 for m in messages)


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"message": "我脸上长痘痘怎么办？", "stream": False}, ALICE),
        ({"message": "我脸上长痘痘怎么办？"}, {**ALICE, "Accept": "application/json"}),
    ],
)
def test_non_streaming_reply_carries_the_same_information(
    client: TestClient, body: dict, headers: dict
) -> None:
    resp = client.post("/chat", json=body, headers=headers)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    reply = resp.json()
    assert resp.headers["content-location"] == (
        f"/threads/{reply['thread_id']}/runs/{reply['run_id']}"
    )
    assert reply["experts"] == [{"name": "medical", "domain": "medical", "model": "medical-expert"}]
    [answer] = reply["messages"]
    assert answer["expert"] == "medical"
    assert answer["model"] == "medical-expert"
    assert "[medical-expert]" in answer["content"]
    assert answer["incomplete"] is False
    assert "error" not in reply
    streamed = sse(client, {"message": "我脸上长痘痘怎么办？"})
    text = "".join(d[0]["content"] for n, d in streamed if n == "messages")
    assert text == answer["content"]


def test_thread_id_continues_a_conversation(client: TestClient) -> None:
    first = sse(client, {"message": "第二天想去逛街购物，杭州"})
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
        {"message": "hi", "stream": "maybe"},
        [],
        "hi",
    ],
)
def test_bad_bodies_get_422_with_the_error_shape(client: TestClient, body: object) -> None:
    resp = client.post("/chat", json=body, headers=ALICE)
    assert resp.status_code == 422
    err = resp.json()["error"]
    assert err["type"] == "validation_error"
    assert err["message"]
    assert "hi" not in json.dumps(resp.json()), "error bodies never echo the user's text"


def test_malformed_json_gets_422(client: TestClient) -> None:
    resp = client.post(
        "/chat", content=b"{not json", headers={**ALICE, "Content-Type": "application/json"}
    )
    assert resp.status_code == 422
    assert resp.json()["error"]["type"] == "validation_error"


def test_dead_model_server_gives_503_ready_and_an_error_event(tmp_path: Path) -> None:
    settings = keyed(
        tmp_path,
        llm={
            "backend": "openai",
            "openai_api_base": f"http://127.0.0.1:{free_port()}/v1",
            "timeout_s": 5,
        },
    )
    app = create_app(settings)
    with loopback_client(app) as client:
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert ready.json()["error"]["type"] == "llm_unavailable"
        # a one-day revision goes to the model (a place the KB lacks gets a KB-led answer)
        events = sse(client, {"message": "第二天想去逛街购物，杭州"})
        thread = events[0][1]["thread_id"]
        history = client.get(f"/threads/{thread}", headers=ALICE).json()
        as_json = client.post(
            "/chat",
            json={"message": "再试一次，第二天想去逛街购物，杭州", "stream": False},
            headers=ALICE,
        )
    # The accepted message is kept even though no answer could be produced.
    assert [(m["role"], m["content"]) for m in history["messages"]] == [
        ("user", "第二天想去逛街购物，杭州")
    ]
    names = [n for n, _ in events]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    error = dict(events)["error"]
    assert error["error"] == "llm_unavailable"
    assert "Traceback" not in json.dumps(error)
    assert as_json.status_code == 503
    assert as_json.json()["error"]["type"] == "llm_unavailable"
    assert as_json.json()["thread_id"]


def test_health_is_always_ok(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_openapi_documents_the_event_vocabulary(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    chat = spec["paths"]["/chat"]["post"]
    described = chat["responses"]["200"]["description"]
    for event in ("metadata", "custom", "messages", "error", "end", "Example transcript"):
        assert event in described
    assert "text/event-stream" in chat["responses"]["200"]["content"]
    assert {"401", "409", "413", "422", "429", "503"} <= set(chat["responses"])
    message = spec["components"]["schemas"]["ChatRequest"]["properties"]["message"]
    assert message["description"]
    assert message["examples"]


async def test_events_from_every_layer_get_ids_even_the_shutdown_drain() -> None:
    async def frames() -> AsyncIterator[ServerSentEvent]:
        yield ServerSentEvent(event="metadata", data="{}")
        for frame in shutdown_frames():  # issue 7's clean end on SIGTERM
            yield frame

    out = [f async for f in numbered("run-1", frames())]
    assert [(f.event, f.id) for f in out] == [
        ("metadata", "run-1:0"),
        ("error", "run-1:1"),
        ("end", "run-1:2"),
    ]
