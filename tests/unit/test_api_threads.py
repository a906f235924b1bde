"""Threads with a fake model: history, listing, ownership, deletion, 409, cancel, disconnects."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx_sse import connect_sse

import agents.chains
from api.app import create_app
from tests.unit.api_support import (
    ALICE,
    BOB,
    is_ping,
    loopback_client,
    post_and_leave,
    serving,
    slow_model_factory,
    sse,
    stalling_model_factory,
)
from tests.unit.conftest import keyed

# One model call: a travel question no KB-led answer takes (dish asks, where to stay and places
# the KB lacks are the KB's now): a one-day revision.
MODEL_CALL = "第二天想去逛街购物，杭州"


def test_history_lists_roles_content_expert_model_and_time(client: TestClient) -> None:
    first = sse(client, {"message": "第二天想去逛街购物，杭州"})
    thread = first[0][1]["thread_id"]
    sse(client, {"message": "我脸上长痘痘怎么办？", "thread_id": thread})
    resp = client.get(f"/threads/{thread}", headers=ALICE)
    assert resp.status_code == 200
    body = resp.json()
    assert body["running"] is False
    msgs = body["messages"]
    assert [m["role"] for m in msgs] == ["user", "assistant", "user", "assistant"]
    assert msgs[0]["content"] == "第二天想去逛街购物，杭州"
    assert (msgs[1]["expert"], msgs[3]["expert"]) == ("itinerary", "medical")
    assert msgs[3]["model"] == "medical-expert"
    assert "[medical-expert]" in msgs[3]["content"]
    times = [m["time"] for m in msgs]
    assert all(times)
    assert times == sorted(times)
    assert not any(m["incomplete"] for m in msgs)


def test_threads_are_listed_per_owner_and_hidden_from_others(client: TestClient) -> None:
    ask = {"message": "第二天想去逛街购物，杭州"}
    mine = [sse(client, ask)[0][1]["thread_id"] for _ in range(2)]
    theirs = sse(client, {"message": "第二天想去逛街购物，杭州"}, headers=BOB)[0][1]["thread_id"]
    listed = client.get("/threads", headers=ALICE).json()["threads"]
    assert {t["thread_id"] for t in listed} == set(mine)
    assert listed[0]["thread_id"] == mine[1], "newest first"
    assert all(t["created_at"] <= t["updated_at"] for t in listed)
    # Bob's thread does not exist for Alice: read, delete, cancel and continue all say 404.
    assert client.get(f"/threads/{theirs}", headers=ALICE).status_code == 404
    assert client.delete(f"/threads/{theirs}", headers=ALICE).status_code == 404
    assert client.post(f"/threads/{theirs}/cancel", headers=ALICE).status_code == 404
    resp = client.post("/chat", json={"message": "hi", "thread_id": theirs}, headers=ALICE)
    assert resp.status_code == 404
    assert resp.json()["error"]["type"] == "not_found"
    assert client.get(f"/threads/{theirs}", headers=BOB).status_code == 200
    assert client.get("/threads/never-existed", headers=ALICE).status_code == 404


def test_content_location_names_a_run_that_can_be_looked_up(client: TestClient) -> None:
    resp = client.post("/chat", json={"message": "帮我规划行程", "stream": False}, headers=ALICE)
    location = resp.headers["content-location"]
    run = client.get(location, headers=ALICE)
    assert run.status_code == 200
    assert run.json() == {
        "thread_id": resp.json()["thread_id"],
        "run_id": resp.json()["run_id"],
        "status": "finished",
    }
    assert client.get(location, headers=BOB).status_code == 404
    other = location.rsplit("/", 1)[0] + "/00000000-0000-0000-0000-000000000000"
    assert client.get(other, headers=ALICE).status_code == 404


def test_delete_removes_a_thread(client: TestClient) -> None:
    thread = sse(client, {"message": "第二天想去逛街购物，杭州"})[0][1]["thread_id"]
    assert client.delete(f"/threads/{thread}", headers=ALICE).status_code == 204
    assert client.get(f"/threads/{thread}", headers=ALICE).status_code == 404
    assert thread not in {
        t["thread_id"] for t in client.get("/threads", headers=ALICE).json()["threads"]
    }


@pytest.fixture
def slow_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setattr(agents.chains, "chat_model", slow_model_factory())
    return create_app(keyed(tmp_path, api={"sse_ping_s": 0.2}))


@pytest.fixture
def live(slow_app: FastAPI) -> Iterator[tuple[FastAPI, str]]:
    with serving(slow_app) as url:
        yield slow_app, url


def wait_until(check: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def test_second_message_while_answering_gets_409_and_cancel_stops_it(
    live: tuple[FastAPI, str],
) -> None:
    app, url = live
    with httpx.Client(base_url=url, headers=ALICE, timeout=30) as client:
        # A one-call answer first (a trip plan is a call a day), then a plan to interrupt.
        thread = sse(client, {"message": MODEL_CALL, "stream": True})[0][1]
        thread_id = thread["thread_id"]
        events: list[tuple[str, Any]] = []
        first_token = threading.Event()

        def reader() -> None:
            body = {"message": "第二天想去逛街购物，杭州", "thread_id": thread_id}
            with connect_sse(client, "POST", "/chat", json=body) as source:
                for e in source.iter_sse():
                    if is_ping(e):
                        continue
                    events.append((e.event, json.loads(e.data)))
                    if e.event == "messages":
                        first_token.set()

        t = threading.Thread(target=reader)
        t.start()
        assert first_token.wait(10)
        busy = client.post("/chat", json={"message": "还有吗？", "thread_id": thread_id})
        assert busy.status_code == 409
        assert busy.json()["error"]["type"] == "thread_busy"
        assert client.get(f"/threads/{thread_id}").json()["running"] is True
        run_url = f"/threads/{thread_id}/runs/{events[0][1]['run_id']}"
        assert client.get(run_url).json()["status"] == "running"
        assert client.delete(f"/threads/{thread_id}").status_code == 409
        started = time.monotonic()
        cancel = client.post(f"/threads/{thread_id}/cancel")
        assert cancel.status_code == 202
        t.join(10)
        assert not t.is_alive()
        assert time.monotonic() - started < 5
        names = [n for n, _ in events]
        assert names[-2:] == ["error", "end"]
        assert events[-2][1]["error"] == "cancelled"
        assert len(app.state.runs) == 0
        assert app.state.slots.in_use == 0
        # The partial answer is kept, marked incomplete, and the thread takes the next message.
        history = client.get(f"/threads/{thread_id}").json()["messages"]
        assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
        partial = history[-1]
        assert partial["incomplete"] is True
        assert partial["expert"] == "itinerary"
        assert partial["content"].strip()  # what streamed before the cancel (plan heading first)
        assert partial["content"] in "".join(d[0]["content"] for n, d in events if n == "messages")
        assert client.post(f"/threads/{thread_id}/cancel").status_code == 409
        retry = client.post(
            "/chat", json={"message": "第二天呢？", "thread_id": thread_id, "stream": False}
        )
        assert retry.status_code == 200
        assert retry.json()["messages"][0]["incomplete"] is False
        history = client.get(f"/threads/{thread_id}").json()["messages"]
        assert [m["incomplete"] for m in history] == [False, False, False, True, False, False]


def test_client_disconnect_stops_the_run_and_keeps_the_partial(
    live: tuple[FastAPI, str],
) -> None:
    app, url = live
    with httpx.Client(base_url=url, headers=ALICE, timeout=30) as client:
        with client.stream("POST", "/chat", json={"message": "第二天想去逛街购物，杭州"}) as resp:
            seen = 0
            for line in resp.iter_lines():
                if line.startswith("event: messages"):
                    seen += 1
                if seen >= 3:
                    break
            thread_id = resp.headers["content-location"].split("/")[2]
        wait_until(lambda: len(app.state.runs) == 0)  # the graph run stopped, not finished
        history = client.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[1]["incomplete"] is True
    assert len(history[1]["content"].split()) < 50, "the run stopped long before the end"


def test_json_mode_disconnect_stops_the_run_like_a_stream(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 12: a `stream: false` caller that left kept its run (and slot, and 409) going."""
    started = threading.Event()
    # ~10 s answer; the caller leaves once it is under way (a 1 s read timeout left before the
    # model on a loaded box, and the history then rightly had no assistant message)
    monkeypatch.setattr(agents.chains, "chat_model", slow_model_factory(0.1, started))
    app = create_app(keyed(tmp_path))
    with serving(app) as url, httpx.Client(base_url=url, headers=ALICE) as client:
        body = {"message": "第二天想去逛街购物，杭州", "stream": False}
        post_and_leave(url, "/chat", body, ALICE, started)
        left = time.monotonic()
        wait_until(lambda: len(app.state.runs) == 0, timeout=3.0)
        assert time.monotonic() - left < 3.0
        assert app.state.slots.in_use == 0
        (thread,) = client.get("/threads", timeout=10).json()["threads"]
        history = client.get(f"/threads/{thread['thread_id']}", timeout=10).json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[1]["incomplete"] is True


def test_idle_streams_get_keep_alive_pings(live: tuple[FastAPI, str]) -> None:
    _, url = live
    with (
        httpx.Client(base_url=url, headers=ALICE, timeout=30) as client,
        client.stream("POST", "/chat", json={"message": MODEL_CALL}) as resp,
    ):
        text = "".join(resp.iter_text())
    assert ": ping" in text


def test_model_read_timeout_is_llm_timeout_not_run_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The client's chunk timeout is a TimeoutError too; it must not pass for our deadline."""
    monkeypatch.setattr(agents.chains, "chat_model", stalling_model_factory())
    with loopback_client(create_app(keyed(tmp_path, api={"run_timeout_s": 300.0}))) as client:
        events = sse(client, {"message": "第二天想去逛街购物，杭州"})
        thread = events[0][1]["thread_id"]
        history = client.get(f"/threads/{thread}", headers=ALICE).json()["messages"]
    assert [n for n, _ in events][-2:] == ["error", "end"]
    assert events[-2][1]["error"] == "llm_timeout"
    assert history[-1]["incomplete"] is True


def test_run_timeout_ends_the_stream_with_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(agents.chains, "chat_model", slow_model_factory(0.2))
    with loopback_client(create_app(keyed(tmp_path, api={"run_timeout_s": 1.0}))) as client:
        started = time.monotonic()
        events = sse(client, {"message": "第二天想去逛街购物，杭州"})
    assert time.monotonic() - started < 5
    assert [n for n, _ in events][-2:] == ["error", "end"]
    assert events[-2][1]["error"] == "run_timeout"
