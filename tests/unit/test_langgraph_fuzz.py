"""Fuzz the LangGraph Server API under /langgraph (fake model, real uvicorn) so that it can fail.

The companion of test_api_fuzz.py (which fuzzes /chat). Most requests are valid runs with
hostile text — `runs/stream` with any mix of the four stream modes, or `runs/wait`, on threads
made by `POST /threads` (with hostile but valid ids), by `if_not_exists: create`, or made by
earlier examples — so they reach the graph. The rest: another owner's thread and run through
every endpoint, deletes, and malformed requests (hostile path ids, bodies, auth and other
headers). Every answer is checked:

- never a 5xx, never a hang, every error in the one shape, no stack trace;
- a stream: `Content-Location` names the run, `metadata` first with that run and thread, no
  `error` and no `end`, every event's data JSON, full message dicts, the asked modes only;
- a wait: the thread's values, no `__error__`, the question last-but-one, an answer last;
- a message with a lone surrogate (valid JSON, not Unicode) is 422, not stored altered;
- another owner's thread or run is 404 `not_found` on every endpoint and absent from search;
- afterwards every thread's state holds exactly the questions sent to it, in order, each
  answered, none incomplete, and search lists each owner's threads to that owner only.

`make fuzz-proof` plants faults on this path too (tests/unit/fuzz_faults.py).
"""

from __future__ import annotations

import json
import os
import string
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.app import create_app
from api.langgraph_schemas import GRAPH_ID
from tests.unit.api_support import ALICE, BOB, KEYS, serving
from tests.unit.conftest import keyed
from tests.unit.fuzz_faults import plant
from tests.unit.test_api_fuzz import (
    DERANDOMIZE,
    REQUEST_TIMEOUT_S,
    check_error,
    hostile_message,
    json_values,
    methods,
)

EXAMPLES = int(os.environ.get("TG_FUZZ_EXAMPLES", "200"))  # each run: a few HTTP requests
OWNERS = {"alice": ALICE, "bob": BOB}
OTHER = {"alice": "bob", "bob": "alice"}
MODES = ["messages-tuple", "updates", "values", "custom"]
MESSAGE_KEYS = {"type", "id", "content", "additional_kwargs", "response_metadata"}
ID_CHARS = string.ascii_letters + string.digits + "._:-"

stream_modes = st.one_of(
    st.sampled_from(MODES), st.lists(st.sampled_from(MODES), min_size=1, max_size=4, unique=True)
)
runs = st.fixed_dictionaries(
    {
        "kind": st.just("run"),
        "owner": st.sampled_from(sorted(OWNERS)),
        "message": hostile_message,
        "surrogate": st.sampled_from([False] * 19 + [True]),  # a lone surrogate: must be 422
        "form": st.sampled_from(["type", "role", "parts"]),
        "endpoint": st.sampled_from(["stream", "stream", "wait"]),
        "stream_mode": stream_modes,
        "thread": st.sampled_from(["known", "known", "known", "create", "if_not_exists"]),
        "pick": st.integers(min_value=0, max_value=50),
        "new_id": st.text(alphabet=ID_CHARS, min_size=1, max_size=80),
        "message_id": st.booleans(),
        "ascii_json": st.booleans(),
        "api_key_header": st.booleans(),  # X-Api-Key (agent-chat-ui) instead of Bearer
    }
)
FOREIGN_OPS = [
    "get",
    "state",
    "history",
    "delete",
    "wait",
    "stream",
    "run",
    "join",
    "cancel",
    "create",
    "search",
]
foreign = st.fixed_dictionaries(
    {
        "kind": st.just("foreign"),
        "owner": st.sampled_from(sorted(OWNERS)),  # the one who asks for the other's thread
        "op": st.sampled_from(FOREIGN_OPS),
        "pick": st.integers(min_value=0, max_value=50),
    }
)
deletes = st.fixed_dictionaries(
    {
        "kind": st.just("delete"),
        "owner": st.sampled_from(sorted(OWNERS)),
        "pick": st.integers(min_value=0, max_value=50),
    }
)
hostile_ids = st.one_of(
    st.text(alphabet=ID_CHARS, min_size=1, max_size=140),
    st.text(max_size=60),
    st.just("KNOWN"),  # one of the caller's own threads
)
PATHS = [
    "/langgraph/assistants/search",
    "/langgraph/assistants/{a}",
    "/langgraph/threads",
    "/langgraph/threads/search",
    "/langgraph/threads/{t}",
    "/langgraph/threads/{t}/state",
    "/langgraph/threads/{t}/history",
    "/langgraph/threads/{t}/runs/stream",
    "/langgraph/threads/{t}/runs/wait",
    "/langgraph/threads/{t}/runs/{r}",
    "/langgraph/threads/{t}/runs/{r}/join",
    "/langgraph/threads/{t}/runs/{r}/cancel",
    "/langgraph/threads/{t}/runs",
    "/langgraph/runs/stream",
]
bodies = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "assistant_id": st.one_of(st.just(GRAPH_ID), json_values),
            "input": st.one_of(
                json_values,
                st.fixed_dictionaries(
                    {"messages": st.lists(json_values, max_size=2)},
                ),
            ),
            "stream_mode": st.one_of(stream_modes, json_values),
            "thread_id": st.one_of(hostile_ids, json_values),
            "metadata": json_values,
            "if_exists": json_values,
            "if_not_exists": json_values,
            "limit": json_values,
            "offset": json_values,
            "ids": json_values,
            "sort_by": json_values,
            "interrupt_before": json_values,
            "command": json_values,
            "checkpoint": json_values,
        },
    ).map(lambda b: json.dumps(b).encode()),
    st.binary(max_size=200),
    st.just(
        b'{"assistant_id": "trip_genius", "input": {"messages": [{"type": "human", '
        b'"content": "' + b"x" * 9000 + b'"}]}}'
    ),
)
malformed = st.fixed_dictionaries(
    {
        "kind": st.just("malformed"),
        "method": methods,
        "path": st.sampled_from(PATHS),
        "thread_id": hostile_ids,
        "run_id": st.one_of(st.text(alphabet=ID_CHARS, min_size=1, max_size=80), st.text()),
        "assistant_id": st.one_of(st.just(GRAPH_ID), st.text(max_size=40)),
        "query": st.sampled_from(["", "?wait=1", "?action=rollback", "?wait=x&action=interrupt"]),
        "body": bodies,
        "headers": st.fixed_dictionaries(
            {},
            optional={
                "Authorization": st.sampled_from(
                    ["Bearer", "Bearer not-a-key", "Basic YWxpY2U6cHc=", ALICE["Authorization"]]
                ),
                "X-Api-Key": st.sampled_from(["", "not-a-key", KEYS["alice"], KEYS["bob"]]),
                "Content-Type": st.sampled_from(
                    ["application/json", "text/plain", "", "multipart/form-data"]
                ),
                "Accept": st.sampled_from(["text/event-stream", "application/json", "*/*", "x"]),
                "X-Request-ID": st.text(alphabet=string.printable.strip(), max_size=60),
                "Last-Event-ID": st.text(alphabet=string.printable.strip(), max_size=60),
            },
        ),
    }
)
# The mix, taken in turn (hypothesis draws from a list unevenly): 13 runs in 20 reach the graph.
KINDS = ["run"] * 13 + ["foreign"] * 3 + ["delete"] + ["malformed"] * 3


FUZZ_LIMITS: dict[str, object] = {
    "rate_limit_per_minute": 10**6,
    "auth_failures_per_minute": 10**6,
    "max_concurrent_streams": 64,
    "max_streams_per_owner": 64,
}


@dataclass
class Thread:
    owner: str
    sent: list[str] = field(default_factory=list)
    run_ids: list[str] = field(default_factory=list)


@dataclass
class Tally:
    requests: int = 0
    reached_graph: int = 0
    refused_surrogates: int = 0
    foreign: int = 0
    threads: dict[str, Thread] = field(default_factory=dict)
    deleted: dict[str, str] = field(default_factory=dict)  # thread → owner
    kinds: Counter[str] = field(default_factory=Counter)

    def owned(self, owner: str) -> list[str]:
        return [t for t, th in self.threads.items() if th.owner == owner]

    def pick(self, owner: str, n: int) -> str | None:
        mine = self.owned(owner)
        return mine[n % len(mine)] if mine else None


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings_ = keyed(tmp_path_factory.mktemp("lg-fuzz"), api=FUZZ_LIMITS)
    with plant(os.environ.get("TG_FUZZ_FAULT", "")), serving(create_app(settings_)) as url:
        yield url


def auth(owner: str, api_key_header: bool = False) -> dict[str, str]:
    return {"X-Api-Key": KEYS[owner]} if api_key_header else OWNERS[owner]


def run_body(req: dict, text: str, stream_mode: Any = None) -> dict[str, Any]:
    if req["form"] == "parts":
        message: dict[str, Any] = {"type": "human", "content": [{"type": "text", "text": text}]}
    elif req["form"] == "role":
        message = {"role": "user", "content": text}
    else:
        message = {"type": "human", "content": text}
    if req.get("message_id"):
        message["id"] = f"q-{uuid.uuid4()}"
    body: dict[str, Any] = {"assistant_id": GRAPH_ID, "input": {"messages": [message]}}
    if stream_mode is not None:
        body["stream_mode"] = stream_mode
    if req.get("thread") == "if_not_exists":
        body["if_not_exists"] = "create"
    return body


def encode(body: Any, ascii_json: bool) -> bytes:
    return json.dumps(body, ensure_ascii=ascii_json).encode("utf-8")


def parse_sse(text: str) -> list[tuple[str, Any]]:
    events: list[tuple[str, Any]] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln and not ln.startswith(":")]
        fields = dict(ln.split(": ", 1) for ln in lines if ": " in ln)
        if "event" in fields:
            events.append((fields["event"], json.loads(fields.get("data", "null"))))
    return events


def humans(messages: list[dict]) -> list[str]:
    texts = []
    for m in messages:
        if m.get("type") == "human":
            content = m["content"]
            texts.append(
                content if isinstance(content, str) else "".join(p["text"] for p in content)
            )
    return texts


def check_values(values: dict, text: str) -> None:
    """The thread's values after a run: the question, then an answer."""
    messages = values["messages"]
    assert humans(messages)[-1] == text, (humans(messages)[-3:], text)
    last = messages[-1]
    assert last["type"] == "ai", last
    assert str(last["content"]).strip(), "a run with no answer"
    assert not last["additional_kwargs"].get("incomplete"), last


def check_stream(resp: httpx.Response, thread_id: str, modes: set[str], text: str) -> str:
    """The SSE of runs/stream → its run id."""
    assert resp.headers["content-type"].startswith("text/event-stream"), resp.headers
    events = parse_sse(resp.text)
    names = [n for n, _ in events]
    assert names, "an empty stream"
    assert names[0] == "metadata", names[:3]
    meta = events[0][1]
    assert meta["thread_id"] == thread_id, meta
    run_id = str(meta["run_id"])
    assert resp.headers["content-location"] == f"/langgraph/threads/{thread_id}/runs/{run_id}"
    assert "error" not in names, [d for n, d in events if n == "error"]
    assert "end" not in names, "LangGraph closes the stream, it sends no `end`"
    wire = {"messages" if m == "messages-tuple" else m for m in modes}
    assert set(names) - {"metadata"} <= wire, (names, modes)
    if "messages" in wire:
        chunks = [d for n, d in events if n == "messages"]
        assert chunks, "asked for messages, got none"
        for message, labels in chunks:
            assert set(message) >= MESSAGE_KEYS, message
            assert "langgraph_node" in labels, labels
        assert "".join(str(m["content"]) for m, _ in chunks).strip(), "no answer text"
    if "values" in wire:
        values = [d for n, d in events if n == "values"]
        assert values, "asked for values, got none"
        check_values(values[-1], text)
    if "custom" in wire:
        custom = [d for n, d in events if n == "custom"]
        assert any(c.get("type") == "route" for c in custom), custom
    if "updates" in wire:
        assert all(isinstance(d, dict) for n, d in events if n == "updates")
    return run_id


def target_thread(client: httpx.Client, req: dict, tally: Tally) -> tuple[str, bool]:
    """(thread id, whether it exists yet) for a run: a known one, or a new one made by
    POST /threads or left for the run's `if_not_exists: create`."""
    owner = req["owner"]
    known = tally.pick(owner, req["pick"])
    if req["thread"] == "known" and known is not None:
        return known, True
    thread_id = f"{req['new_id']}.{uuid.uuid4().hex}"
    if req["thread"] == "if_not_exists":
        return thread_id, False
    resp = client.post("/langgraph/threads", json={"thread_id": thread_id}, headers=OWNERS[owner])
    check_error(resp, "POST")
    assert resp.status_code == 200, resp.text[:300]
    created = resp.json()
    assert created["thread_id"] == thread_id, created
    assert created["status"] == "idle", created
    tally.threads[thread_id] = Thread(owner)
    return thread_id, True


def send_run(client: httpx.Client, req: dict, tally: Tally) -> None:
    thread_id, exists = target_thread(client, req, tally)
    owner = req["owner"]
    text = req["message"] + ("\ud83d" if req["surrogate"] else "")
    mode = req["stream_mode"] if req["endpoint"] == "stream" else None
    body = encode(run_body(req, text, mode), ascii_json=req["ascii_json"] or req["surrogate"])
    headers = {**auth(owner, req["api_key_header"]), "Content-Type": "application/json"}
    resp = client.post(
        f"/langgraph/threads/{thread_id}/runs/{req['endpoint']}", content=body, headers=headers
    )
    check_error(resp, "POST")
    if req["surrogate"]:
        assert resp.status_code == 422, (resp.status_code, resp.text[:300])
        assert resp.json()["error"]["type"] == "validation_error"
        tally.refused_surrogates += 1
        return
    assert resp.status_code == 200, (resp.status_code, resp.text[:300])
    tally.reached_graph += 1
    thread = tally.threads.setdefault(thread_id, Thread(owner))
    assert exists or thread.sent == []
    thread.sent.append(text)
    if req["endpoint"] == "stream":
        modes = {mode} if isinstance(mode, str) else set(mode)
        run_id = check_stream(resp, thread_id, modes, text)
    else:
        values = resp.json()
        assert "__error__" not in values, values
        check_values(values, text)
        location = resp.headers["content-location"]
        assert location.startswith(f"/langgraph/threads/{thread_id}/runs/"), location
        run_id = location.rsplit("/", 1)[1]
    thread.run_ids.append(run_id)
    got = client.get(f"/langgraph/threads/{thread_id}/runs/{run_id}", headers=OWNERS[owner])
    assert got.status_code == 200, got.text[:300]
    assert got.json()["status"] == "success", got.text[:300]


def send_foreign(client: httpx.Client, req: dict, tally: Tally) -> None:
    """The other owner's thread (and its last run) through one endpoint: 404, changing nothing."""
    victim = tally.pick(OTHER[req["owner"]], req["pick"])
    if victim is None:
        return
    tally.foreign += 1
    run_id = (tally.threads[victim].run_ids or ["no-run-yet"])[-1]
    base = f"/langgraph/threads/{victim}"
    run = {"assistant_id": GRAPH_ID, "input": {"messages": [{"type": "human", "content": "hi"}]}}
    calls: dict[str, tuple[str, str, Any]] = {
        "get": ("GET", base, None),
        "state": ("GET", f"{base}/state", None),
        "history": ("POST", f"{base}/history", {"limit": 5}),
        "delete": ("DELETE", base, None),
        "wait": ("POST", f"{base}/runs/wait", run),
        "stream": ("POST", f"{base}/runs/stream", {**run, "if_not_exists": "create"}),
        "run": ("GET", f"{base}/runs/{run_id}", None),
        "join": ("GET", f"{base}/runs/{run_id}/join", None),
        "cancel": ("POST", f"{base}/runs/{run_id}/cancel?wait=1", None),
        "create": ("POST", "/langgraph/threads", {"thread_id": victim, "if_exists": "do_nothing"}),
        "search": ("POST", "/langgraph/threads/search", {"ids": [victim], "limit": 1000}),
    }
    method, path, body = calls[req["op"]]
    resp = client.request(method, path, json=body, headers=OWNERS[req["owner"]])
    check_error(resp, method)
    if req["op"] == "search":
        assert resp.status_code == 200, resp.text[:300]
        assert resp.json() == [], resp.text[:300]
        return
    assert resp.status_code == 404, (req["op"], resp.status_code, resp.text[:300])
    assert resp.json()["error"]["type"] == "not_found", resp.text[:300]


def send_delete(client: httpx.Client, req: dict, tally: Tally) -> None:
    owner = req["owner"]
    thread_id = tally.pick(owner, req["pick"])
    if thread_id is None:
        return
    resp = client.delete(f"/langgraph/threads/{thread_id}", headers=OWNERS[owner])
    check_error(resp, "DELETE")
    assert resp.status_code == 204, resp.text[:300]
    del tally.threads[thread_id]
    tally.deleted[thread_id] = owner
    gone = client.get(f"/langgraph/threads/{thread_id}", headers=OWNERS[owner])
    assert gone.status_code == 404, gone.text[:300]


def send_malformed(client: httpx.Client, req: dict, tally: Tally) -> None:
    thread_id = req["thread_id"]
    method = req["method"]
    if thread_id == "KNOWN":
        thread_id = tally.pick("alice", len(req["run_id"])) or "none"
        if method == "DELETE":  # a delete of a known thread is a valid request (send_delete)
            method = "GET"
    path = req["path"].format(
        t=quote(thread_id, safe=""),
        r=quote(req["run_id"], safe=""),
        a=quote(req["assistant_id"], safe=""),
    )
    resp = client.request(method, path + req["query"], content=req["body"], headers=req["headers"])
    check_error(resp, method)
    if resp.status_code < 300 and method != "HEAD" and resp.content:
        if resp.headers["content-type"].startswith("text/event-stream"):
            assert "error" not in [n for n, _ in parse_sse(resp.text)], resp.text[:300]
        else:
            resp.json()


def check_threads(client: httpx.Client, tally: Tally) -> None:
    for owner, headers in OWNERS.items():
        resp = client.post("/langgraph/threads/search", json={"limit": 1000}, headers=headers)
        assert resp.status_code == 200, resp.text[:300]
        listed = {t["thread_id"] for t in resp.json()}
        mine, theirs = set(tally.owned(owner)), set(tally.owned(OTHER[owner]))
        assert mine <= listed, f"{owner}: not listed {sorted(mine - listed)[:3]}"
        assert not listed & theirs, f"{owner} sees {sorted(listed & theirs)[:3]}"
        assert not listed & set(tally.deleted), "a deleted thread is listed"
    for thread_id, thread in tally.threads.items():
        resp = client.get(f"/langgraph/threads/{thread_id}/state", headers=OWNERS[thread.owner])
        assert resp.status_code == 200, resp.text[:300]
        messages = resp.json()["values"].get("messages", [])
        assert humans(messages) == thread.sent, (thread_id, humans(messages), thread.sent)
        types = [m["type"] for m in messages]
        assert types == ["human", "ai"] * len(thread.sent), (thread_id, types)
        assert not any(m["additional_kwargs"].get("incomplete") for m in messages), thread_id
        got = client.get(f"/langgraph/threads/{thread_id}", headers=OWNERS[thread.owner])
        assert got.json()["status"] == "idle", got.text[:300]
        other = client.get(f"/langgraph/threads/{thread_id}", headers=OWNERS[OTHER[thread.owner]])
        assert other.status_code == 404, other.text[:300]


def test_hostile_langgraph_requests_reach_the_graph_and_every_answer_holds(
    fuzz_url: str,
) -> None:
    tally = Tally()
    send = {"run": send_run, "foreign": send_foreign, "delete": send_delete}
    with httpx.Client(base_url=fuzz_url, timeout=REQUEST_TIMEOUT_S) as client:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=DERANDOMIZE,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(run=runs, foreign_=foreign, delete=deletes, bad=malformed)
        def one_request(run: dict, foreign_: dict, delete: dict, bad: dict) -> None:
            req = {"run": run, "foreign": foreign_, "delete": delete, "malformed": bad}[
                KINDS[tally.requests % len(KINDS)]
            ]
            tally.requests += 1
            tally.kinds[req["kind"]] += 1
            send.get(req["kind"], send_malformed)(client, req, tally)

        one_request()
        check_threads(client, tally)
    share = tally.reached_graph / tally.requests
    print(
        f"\nlanggraph fuzz: {tally.requests} requests, {tally.reached_graph} reached the graph "
        f"({share:.0%}), {tally.foreign} cross-owner probes, {tally.refused_surrogates} "
        f"lone surrogates refused, {len(tally.threads)} threads checked, "
        f"{len(tally.deleted)} deleted; drawn {dict(tally.kinds)}"
    )
    assert tally.requests >= EXAMPLES
    assert share >= 0.5
    assert tally.foreign > 0
