"""The API protocol against the real vLLM: wire format, JSON replies, history, cancellation
(proved with vLLM's own `vllm:num_requests_running`), restarts that lose nothing."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from langgraph_sdk.sse import BytesLineDecoder, SSEDecoder

from tests.integration.conftest import ApiFactory, Stack, VLLMServer, auth, wait_for
from tests.integration.helpers import StreamRecorder, assert_sentence_by_sentence

pytestmark = pytest.mark.integration

SKIN = "我脸上长痘痘怎么办？"
TRIP = "第二天想去逛街购物，杭州"
# a model reply that outlasts a few streamed lines: the same one-day revision, asked in detail
LONG_TRIP = "第二天想去逛街购物，杭州。详细写上午、下午、晚上去哪、怎么去、吃什么"


def test_real_stream_parses_with_the_langgraph_sdk_and_json_mode_matches(
    api: httpx.Client, stack: Stack
) -> None:
    parts = []
    with api.stream("POST", "/chat", json={"message": SKIN}) as resp:
        assert resp.status_code == 200
        location = resp.headers["content-location"]
        lines, decoder = BytesLineDecoder(), SSEDecoder()
        for chunk in resp.iter_bytes():
            for line in [*lines.decode(chunk)]:
                if (part := decoder.decode(bytes(line))) is not None:
                    parts.append(part)
    assert parts[0].event == "metadata"
    assert parts[-1].event == "end"
    run_id, thread_id = parts[0].data["run_id"], parts[0].data["thread_id"]
    assert location == f"/threads/{thread_id}/runs/{run_id}"
    assert [p.id for p in parts] == [f"{run_id}:{i}" for i in range(len(parts))]
    tokens = [p.data for p in parts if p.event == "messages"]
    assert_sentence_by_sentence([t[0]["content"] for t in tokens])
    assert {t[1]["model"] for t in tokens} == {"medical-expert"}

    reply = api.post(
        "/chat", json={"message": "那要擦什么药膏？", "thread_id": thread_id, "stream": False}
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["thread_id"] == thread_id
    assert body["experts"][0]["model"] == "medical-expert"
    assert body["messages"][0]["content"].strip()

    history = api.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
    assert history[1]["model"] == "medical-expert"  # what vLLM said it served
    assert history[3]["content"] == body["messages"][0]["content"]
    assert all(m["time"] for m in history)
    with httpx.Client(base_url=stack.api_url, headers=auth("bob")) as bob:
        assert bob.get(f"/threads/{thread_id}").status_code == 404


@pytest.fixture(scope="module")
def long_replies(api_factory: ApiFactory) -> Iterator[httpx.Client]:
    """An API whose answers run to the production length (the session's is cut to 48 tokens,
    which a reply released sentence by sentence can finish before anyone interrupts it)."""
    server = api_factory("long-replies", TG_MAX_TOKENS="384")
    with server.client() as client:
        yield client


def _disconnect_while_vllm_generates(api: httpx.Client, vllm: VLLMServer) -> str | None:
    """Stream LONG_TRIP and drop the connection at the first streamed line after which vLLM's
    own gauge shows the reply still being generated; the thread id, or None when the reply was
    over before that could be seen (a short sampled reply released in one piece)."""
    with api.stream("POST", "/chat", json={"message": LONG_TRIP}) as resp:
        thread_id = resp.headers["content-location"].split("/")[2]
        streamed = False
        for line in resp.iter_lines():
            streamed = streamed or line.startswith("event: messages")
            if streamed and vllm.running_requests() >= 1:
                return thread_id
    wait_for(lambda: vllm.running_requests() == 0, timeout_s=10, interval_s=0.2)
    return None


def test_client_disconnect_aborts_the_vllm_request(
    long_replies: httpx.Client, vllm: VLLMServer
) -> None:
    api = long_replies
    assert vllm.running_requests() == 0
    # The property needs a disconnect while vLLM is generating: a reply that ended before the
    # first streamed line could be read proves nothing either way, so it is asked again (CI
    # 2026-12-02 twice met such a reply when the test disconnected after a fixed 2 events).
    attempts: list[str | None] = []
    while not attempts or (attempts[-1] is None and len(attempts) < 3):
        attempts.append(_disconnect_while_vllm_generates(api, vllm))
    thread_id = attempts[-1]
    assert thread_id is not None, "every reply ended before a streamed line showed it running"
    closed = time.monotonic()
    took = wait_for(lambda: vllm.running_requests() == 0, timeout_s=10, interval_s=0.2)
    print(f"vLLM dropped the request {took:.1f}s after the client disconnected ({attempts=})")
    assert time.monotonic() - closed < 10
    wait_for(lambda: not api.get(f"/threads/{thread_id}").json()["running"], timeout_s=10)
    history = api.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[1]["incomplete"] is True


def test_cancel_stops_a_running_reply_and_the_vllm_request(
    long_replies: httpx.Client, vllm: VLLMServer
) -> None:
    api = long_replies
    stream = StreamRecorder(api, {"message": LONG_TRIP})
    stream.wait_first_token()
    thread_id = stream.thread_id
    busy = api.post("/chat", json={"message": "第二天呢？", "thread_id": thread_id})
    assert busy.status_code == 409
    assert busy.json()["error"]["type"] == "thread_busy"
    cancelled_at = time.monotonic()
    assert api.post(f"/threads/{thread_id}/cancel").status_code == 202
    stream.join(10)
    assert stream.names[-2:] == ["error", "end"]
    assert stream.error()["error"] == "cancelled"
    assert stream.arrived("end") - cancelled_at < 5
    wait_for(lambda: vllm.running_requests() == 0, timeout_s=10, interval_s=0.2)
    history = api.get(f"/threads/{thread_id}").json()["messages"]
    assert history[-1]["incomplete"] is True
    assert history[-1]["content"] == stream.text


def test_restarting_the_api_loses_nothing(api_factory: ApiFactory) -> None:
    server = api_factory("restart")
    with server.client() as client:
        first = client.post("/chat", json={"message": TRIP, "stream": False}).json()
    server.stop()
    server.start()
    with server.client() as client:
        second = client.post(
            "/chat",
            json={
                "message": "第二天换成去博物馆吧",
                "thread_id": first["thread_id"],
                "stream": False,
            },
        )
        assert second.status_code == 200, second.text
        assert second.json()["experts"][0]["name"] == "itinerary"
        history = client.get(f"/threads/{first['thread_id']}").json()["messages"]
        listed = [t["thread_id"] for t in client.get("/threads").json()["threads"]]
    assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
    assert history[1]["content"] == first["messages"][0]["content"]
    assert first["thread_id"] in listed
