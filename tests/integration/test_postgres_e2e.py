"""Durable threads in a real PostgreSQL: two API processes serve one thread alternately."""

from __future__ import annotations

import pytest

from tests.integration.conftest import ApiFactory
from tests.integration.helpers import StreamRecorder

pytestmark = pytest.mark.integration


def test_two_api_processes_on_one_database_serve_the_same_thread(
    api_factory: ApiFactory, postgres_url: str
) -> None:
    a = api_factory("pg-a", TG_POSTGRES_URL=postgres_url)
    b = api_factory("pg-b", TG_POSTGRES_URL=postgres_url)
    # A thread without a KB-built plan, so its day revisions still reach the model (after a KB
    # plan they are answered from the KB at once, and "while A answers" below needs a stream).
    turns = [(a, "第二天想去逛街购物，杭州"), (b, "第二天换成去博物馆吧"), (a, "那第三天呢？")]
    thread_id = None
    for server, message in turns:
        with server.client() as client:
            body = {"message": message, "stream": False, "thread_id": thread_id}
            resp = client.post("/chat", json={k: v for k, v in body.items() if v is not None})
            assert resp.status_code == 200, resp.text
            reply = resp.json()
            thread_id = reply["thread_id"]
            assert reply["experts"][0]["name"] == "itinerary", "the follow-up saw the thread"
            assert reply["messages"][0]["content"].strip()
    with a.client() as ca, b.client() as cb, b.client("bob") as bob:
        history_a = ca.get(f"/threads/{thread_id}").json()["messages"]
        history_b = cb.get(f"/threads/{thread_id}").json()["messages"]
        assert cb.get("/info").json()["checkpointer"] == "postgres"
        assert thread_id in [t["thread_id"] for t in cb.get("/threads").json()["threads"]]
        assert bob.get(f"/threads/{thread_id}").status_code == 404
    assert history_a == history_b
    assert [m["role"] for m in history_a] == ["user", "assistant"] * 3
    # While A answers, B refuses the same thread (the PostgreSQL lease), then takes it.
    with a.client() as ca, b.client() as cb:
        stream = StreamRecorder(ca, {"message": "第四天呢？", "thread_id": thread_id})
        stream.wait_first_token()
        busy = cb.post("/chat", json={"message": "还有吗？", "thread_id": thread_id})
        assert busy.status_code == 409
        assert busy.json()["error"]["type"] == "thread_busy"
        elsewhere = cb.post(f"/threads/{thread_id}/cancel")
        assert elsewhere.json()["error"]["type"] == "running_elsewhere"
        assert cb.delete(f"/threads/{thread_id}").status_code == 409
        stream.join(120)
        assert stream.names[-1] == "end"
        after = cb.post(
            "/chat", json={"message": "谢谢，总结一下", "thread_id": thread_id, "stream": False}
        )
        assert after.status_code == 200, after.text
        history_a = ca.get(f"/threads/{thread_id}").json()["messages"]
    assert len(history_a) == 10
    # Both processes gone and one back: the database kept everything.
    a.stop()
    b.stop()
    a.start()
    with a.client() as ca:
        assert ca.get(f"/threads/{thread_id}").json()["messages"] == history_a
