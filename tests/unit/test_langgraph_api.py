"""The LangGraph Server API, driven by the real `langgraph_sdk` client against the app under
uvicorn with a slow fake model: assistants, threads, runs (stream, wait, cancel, join), the
same owners, limits and clean-up as /chat, and errors in the one error shape."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from langgraph_sdk import get_client
from langgraph_sdk.client import LangGraphClient
from langgraph_sdk.errors import ConflictError, NotFoundError, UnprocessableEntityError

import agents.chains
from api.app import create_app
from api.langgraph_schemas import GRAPH_ID
from config.settings import REPO_ROOT
from tests.unit.api_support import ALICE, BOB, serving, slow_model_factory
from tests.unit.conftest import keyed

TRIP = {"messages": [{"type": "human", "content": "第二天想去逛街购物，杭州"}]}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(agents.chains, "chat_model", slow_model_factory(0.01))  # ~1 s per answer
        app = create_app(keyed(tmp_path_factory.mktemp("lg"), api={"rate_limit_per_minute": 10**6}))
        with serving(app) as url:
            yield app, url


def sdk(url: str, headers: dict[str, str] = ALICE) -> LangGraphClient:
    return get_client(url=f"{url}/langgraph", headers=headers)


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 60))


async def refused(call: Any) -> tuple[int, str]:
    """Status and error type of a refused SDK call (runs.wait raises plain httpx errors)."""
    with pytest.raises(httpx.HTTPStatusError) as err:
        await call
    return err.value.response.status_code, err.value.response.json()["error"]["type"]


def test_the_assistant_is_the_graph_of_langgraph_json() -> None:
    graphs = json.loads((REPO_ROOT / "langgraph.json").read_text("utf-8"))["graphs"]
    assert list(graphs) == [GRAPH_ID]


def test_assistants_search_and_get(live: tuple[FastAPI, str]) -> None:
    async def scenario() -> None:
        client = sdk(live[1])
        found = await client.assistants.search()
        assert [a["assistant_id"] for a in found] == [GRAPH_ID]
        assert found[0]["graph_id"] == GRAPH_ID
        assert await client.assistants.search(graph_id="other") == []
        assert (await client.assistants.get(GRAPH_ID))["name"] == GRAPH_ID
        with pytest.raises(NotFoundError) as missing:
            await client.assistants.get("agent")
        assert missing.value.response.json()["error"]["type"] == "not_found"

    run(scenario())


def test_stream_a_turn_then_read_state_history_wait_and_delete(
    live: tuple[FastAPI, str],
) -> None:
    app, url = live

    async def scenario() -> None:
        client = sdk(url)
        thread = await client.threads.create()
        thread_id = thread["thread_id"]
        assert thread["status"] == "idle"
        assert thread["metadata"]["graph_id"] == GRAPH_ID
        sent = {"messages": [{**TRIP["messages"][0], "id": "question-1"}]}
        parts = [
            p
            async for p in client.runs.stream(
                thread_id,
                GRAPH_ID,
                input=sent,
                stream_mode=["messages-tuple", "updates", "custom"],
            )
        ]
        names = [p.event for p in parts]
        assert names[0] == "metadata"
        assert parts[0].data["run_id"]
        assert {"messages", "updates", "custom"} <= set(names)
        assert "end" not in names  # LangGraph closes the stream instead
        assert "error" not in names
        route = next(p.data for p in parts if p.event == "custom")
        assert route["type"] == "route"
        assert route["experts"][0]["name"] == "itinerary"
        chunks = [p.data for p in parts if p.event == "messages"]
        message, labels = chunks[0]
        # a full LangChain message dict, not our short {type, id, content, name}
        assert message["type"] == "AIMessageChunk"
        assert {"additional_kwargs", "response_metadata", "tool_calls", "id"} <= set(message)
        assert labels["expert"] == "itinerary"
        assert labels["langgraph_node"] == "itinerary"
        streamed = "".join(m["content"] for m, _ in chunks)
        assert "Word 99." in streamed
        nodes = [node for p in parts if p.event == "updates" for node in p.data]
        assert "itinerary" in nodes

        state = await client.threads.get_state(thread_id)
        messages = state["values"]["messages"]
        assert [m["type"] for m in messages] == ["human", "ai"]
        assert messages[0]["id"] == "question-1"  # the client's id is kept
        assert messages[1]["content"] == streamed
        assert state["checkpoint"]["checkpoint_id"]
        history = await client.threads.get_history(thread_id, limit=3)
        assert len(history) == 3
        assert history[0]["checkpoint"] == state["checkpoint"]

        values = await client.runs.wait(
            thread_id,
            GRAPH_ID,
            input={
                "messages": [{"role": "user", "content": [{"type": "text", "text": "第二天呢"}]}]
            },
        )
        assert [m["type"] for m in values["messages"]] == ["human", "ai", "human", "ai"]
        again = client.runs.wait(thread_id, GRAPH_ID, input=sent)  # would replace question-1
        assert await refused(again) == (422, "validation_error")
        assert values["messages"][2]["content"] == "第二天呢"
        got = await client.threads.get(thread_id)
        assert got["values"]["messages"] == values["messages"]
        assert thread_id in [t["thread_id"] for t in await client.threads.search(limit=100)]
        run_id = parts[0].data["run_id"]
        assert (await client.runs.get(thread_id, run_id))["status"] == "success"

        await client.threads.delete(thread_id)
        with pytest.raises(NotFoundError):
            await client.threads.get(thread_id)

    run(scenario())
    assert app.state.slots.in_use == 0
    assert len(app.state.runs) == 0


def test_values_mode_streams_the_whole_state(live: tuple[FastAPI, str]) -> None:
    async def scenario() -> list[Any]:
        client = sdk(live[1])
        thread = await client.threads.create()
        return [
            p
            async for p in client.runs.stream(
                thread["thread_id"], GRAPH_ID, input=TRIP, stream_mode="values"
            )
        ]

    parts = run(scenario())
    assert {p.event for p in parts} == {"metadata", "values"}
    assert [m["type"] for m in parts[-1].data["messages"]] == ["human", "ai"]
    assert parts[-1].data["route"][0]["name"] == "itinerary"


def test_cancel_stops_the_run_keeps_the_partial_and_join_returns(
    live: tuple[FastAPI, str],
) -> None:
    app, url = live

    async def scenario() -> tuple[list[Any], dict[str, Any]]:
        client = sdk(url)
        thread_id = (await client.threads.create())["thread_id"]
        parts: list[Any] = []
        joined: dict[str, Any] = {}
        stream = client.runs.stream(thread_id, GRAPH_ID, input=TRIP, stream_mode="messages-tuple")
        async for part in stream:
            parts.append(part)
            if part.event == "messages" and not joined:
                run_id = parts[0].data["run_id"]
                busy = client.runs.wait(thread_id, GRAPH_ID, input=TRIP)
                assert await refused(busy) == (409, "thread_busy")  # as /chat
                assert (await client.threads.get(thread_id))["status"] == "busy"
                assert (await client.runs.get(thread_id, run_id))["status"] == "running"
                await client.runs.cancel(thread_id, run_id)
                joined = await client.runs.join(thread_id, run_id)
        return parts, joined

    parts, joined = run(scenario())
    assert parts[-1].event == "error"
    assert parts[-1].data["error"] == "cancelled"
    partial = joined["messages"][-1]
    assert partial["type"] == "ai"
    assert partial["additional_kwargs"]["incomplete"] is True
    assert "Word 99." not in partial["content"]
    assert app.state.slots.in_use == 0
    assert len(app.state.runs) == 0


def test_a_client_that_hangs_up_cancels_its_run(live: tuple[FastAPI, str]) -> None:
    app, url = live

    async def scenario() -> str:
        client = sdk(url)
        thread_id = (await client.threads.create())["thread_id"]
        seen = 0
        stream = client.runs.stream(thread_id, GRAPH_ID, input=TRIP, stream_mode="messages-tuple")
        async for part in stream:
            seen += part.event == "messages"
            if seen == 3:
                break
        await stream.aclose()  # type: ignore[attr-defined]  # the SDK closes the connection
        return str(thread_id)

    thread_id = run(scenario())
    deadline = time.monotonic() + 10
    while app.state.runs.get(thread_id) is not None:  # the run stopped, it did not finish
        assert time.monotonic() < deadline, "the run outlived its client"
        time.sleep(0.05)
    with httpx.Client(base_url=f"{url}/langgraph", headers=ALICE, timeout=30) as http:
        values = http.get(f"/threads/{thread_id}/state").json()["values"]
    partial = values["messages"][-1]
    assert partial["additional_kwargs"].get("incomplete") is True
    assert "Word 99." not in partial["content"]


def test_another_owners_thread_and_run_are_not_found(live: tuple[FastAPI, str]) -> None:
    async def scenario() -> None:
        alice, bob = sdk(live[1]), sdk(live[1], BOB)
        thread_id = (await alice.threads.create())["thread_id"]
        parts = [p async for p in alice.runs.stream(thread_id, GRAPH_ID, input=TRIP)]
        run_id = parts[0].data["run_id"]
        for call in (
            bob.threads.get(thread_id),
            bob.threads.get_state(thread_id),
            bob.threads.get_history(thread_id),
            bob.threads.delete(thread_id),
            bob.runs.wait(thread_id, GRAPH_ID, input=TRIP),
            bob.runs.get(thread_id, run_id),
            bob.runs.join(thread_id, run_id),
            bob.runs.cancel(thread_id, run_id),
            bob.threads.create(thread_id=thread_id, if_exists="do_nothing"),
        ):
            assert await refused(call) == (404, "not_found")
        assert thread_id not in [t["thread_id"] for t in await bob.threads.search(limit=100)]
        assert await refused(alice.runs.get(thread_id, "no-such-run")) == (404, "not_found")
        missing = alice.runs.wait("no-such-thread", GRAPH_ID, input=TRIP)
        assert await refused(missing) == (404, "not_found")
        unknown = alice.runs.wait(thread_id, "agent", input=TRIP)
        assert await refused(unknown) == (404, "not_found")
        # nothing is running: as POST /threads/{id}/cancel
        assert await refused(alice.runs.cancel(thread_id, run_id)) == (409, "not_running")

    run(scenario())


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"stream_mode": "debug"}, "stream_mode"),
        ({"stream_mode": ["messages"]}, "stream_mode"),
        ({"stream_mode": "events"}, "stream_mode"),
        ({"input": {"messages": []}}, "input.messages"),
        ({"input": {"messages": [{"type": "human", "content": "  "}]}}, "input.messages"),
        ({"input": {"messages": [{"type": "ai", "content": "hi"}]}}, "input.messages"),
        ({"input": {"foo": 1, **TRIP}}, "input.foo"),
        ({"interrupt_before": ["itinerary"]}, "interrupt_before"),
        ({"on_disconnect": "continue"}, "on_disconnect"),
        ({"multitask_strategy": "enqueue"}, "multitask_strategy"),
        ({"webhook": "http://127.0.0.1:9/"}, "webhook"),
    ],
)
def test_unsupported_requests_are_422_in_the_one_error_shape(
    live: tuple[FastAPI, str], body: dict[str, Any], where: str
) -> None:
    app, url = live
    with httpx.Client(base_url=f"{url}/langgraph", headers=ALICE, timeout=30) as http:
        thread_id = http.post("/threads", json={}).json()["thread_id"]
        sent = {"assistant_id": GRAPH_ID, "input": TRIP, **body}
        for path in ("stream", "wait"):
            resp = http.post(f"/threads/{thread_id}/runs/{path}", json=sent)
            assert resp.status_code == 422, resp.text
            error = resp.json()["error"]
            assert error["type"] == "validation_error"
            assert error["message"].startswith(where), error["message"]
    assert len(app.state.runs) == 0


def test_thread_create_refuses_metadata_it_would_lose_and_duplicate_ids(
    live: tuple[FastAPI, str],
) -> None:
    async def scenario() -> None:
        client = sdk(live[1])
        with pytest.raises(UnprocessableEntityError):
            await client.threads.create(metadata={"user": "x"})
        kept = await client.threads.create(graph_id=GRAPH_ID, thread_id="lg-fixed-id")
        assert kept["thread_id"] == "lg-fixed-id"
        with pytest.raises(ConflictError):
            await client.threads.create(thread_id="lg-fixed-id")
        again = await client.threads.create(thread_id="lg-fixed-id", if_exists="do_nothing")
        assert again["thread_id"] == "lg-fixed-id"
        assert await client.threads.search(metadata={"graph_id": "other"}) == []

    run(scenario())


def test_the_api_needs_a_key(live: tuple[FastAPI, str]) -> None:
    with httpx.Client(base_url=f"{live[1]}/langgraph", timeout=30) as http:
        resp = http.post("/assistants/search", json={})
    assert resp.status_code == 401
    assert resp.json()["error"]["type"] == "unauthorized"


def test_a_lone_surrogate_is_422_not_stored_as_a_question_mark(live: tuple[FastAPI, str]) -> None:
    """`"\\ud800"` is valid JSON but not Unicode: it was stored as `?` (the question changed
    behind the caller's back); /chat answers 422, and so does this API (found by the fuzz)."""
    app, url = live
    headers = {**ALICE, "Content-Type": "application/json"}
    with httpx.Client(base_url=f"{url}/langgraph", headers=headers, timeout=30) as http:
        thread_id = http.post("/threads", json={}).json()["thread_id"]
        for content in ("hi \ud800 there", [{"type": "text", "text": "hi \udc00"}]):
            body = {"assistant_id": GRAPH_ID, "input": {"messages": [{"content": content}]}}
            for path in ("stream", "wait"):
                resp = http.post(f"/threads/{thread_id}/runs/{path}", content=json.dumps(body))
                assert resp.status_code == 422, resp.text
                error = resp.json()["error"]
                assert error["type"] == "validation_error"
                assert error["message"].startswith("input.messages.0.content"), error
        assert http.get(f"/threads/{thread_id}/state").json()["values"].get("messages") == []
    assert len(app.state.runs) == 0
