"""No question is lost on the LangGraph Server API either: runs raced by a cancel or a hang-up.

The /chat race of test_message_durability.py, as LangGraph clients stop a run: each of 100 new
threads gets two turns through `runs/stream` (the first with `if_not_exists: create`, so the
run itself makes the thread). Each turn is stopped at a random moment in one of three ways:
`POST .../runs/{run_id}/cancel` as soon as the run id is known (from `Content-Location`, before
or while the stream reads), the client hanging up the stream, or a `runs/wait` client giving
up. Once the server has answered 200 the question must be in the thread, in order; a thread
is listed exactly when it holds a question (never an empty one); nothing stays held. The same
trial runs on PostgreSQL in tests/integration/test_langgraph_race_pg.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

import api.streaming
from api.app import create_app
from api.langgraph_schemas import GRAPH_ID
from tests.unit.api_support import ALICE, refused_unsaved, serving, slow_some_writes
from tests.unit.conftest import keyed

TRIALS = 100
PARALLEL = 4
MAX_DELAY_S = 0.3  # spans a fake-model run here: stops land before, during and after it
# A share of stops come at once, so that enough land mid-run however fast the box runs the
# fake model (a loaded CI box once finished all but 10 of 67 hang-ups before they landed).
AT_ONCE_SHARE = 0.3
RACE_TIMEOUT_S = 300
BUSY_RETRIES = 100
STOPS = ("cancel", "hang_up", "wait_gives_up")
# A given-up wait's run may start after its client left and hold a slot a moment longer.
RACE_LIMITS = {"max_streams_per_owner": PARALLEL * 2, "rate_limit_per_minute": 10**6}


class Refused(Exception):
    def __init__(self, resp: httpx.Response) -> None:
        super().__init__(resp.status_code, resp.text)
        self.status = resp.status_code
        self.text = resp.text


def run_body(message: str) -> dict:
    return {
        "assistant_id": GRAPH_ID,
        "input": {"messages": [{"type": "human", "content": message}]},
        "stream_mode": ["messages-tuple", "values"],
        "if_not_exists": "create",
    }


async def stopped_stream(
    client: httpx.AsyncClient, path: str, body: dict, stop: str, delay: float, outcomes: Counter
) -> bool:
    """One streamed turn, stopped by a cancel or a hang-up; True once the server said 200."""
    async with client.stream("POST", f"{path}/stream", json=body) as resp:
        if resp.status_code != 200:
            await resp.aread()
            raise Refused(resp)
        run_url = resp.headers["content-location"]  # /langgraph/threads/{id}/runs/{run_id}

        async def read() -> str:
            return "".join([chunk async for chunk in resp.aiter_text()])

        reader = asyncio.create_task(read())
        if stop == "cancel":
            await asyncio.sleep(delay)
            cancelled = await client.post(f"{run_url}/cancel")
            outcomes[f"cancel {cancelled.status_code}"] += 1
            text = await asyncio.wait_for(reader, 30)
            outcomes["run cancelled" if '"cancelled"' in text else "run answered"] += 1
        else:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(reader), delay)
            outcomes["stream read to its end" if reader.done() else "stream hung up"] += 1
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                await reader
    return True


async def given_up_wait(
    client: httpx.AsyncClient, path: str, body: dict, delay: float, outcomes: Counter
) -> bool:
    """runs/wait with a client that gives up after `delay`: False when it gave up (we cannot
    know whether the server took the turn: it never answered)."""
    try:
        resp = await client.post(f"{path}/wait", json=body, timeout=max(delay, 0.01))
    except httpx.TimeoutException:
        outcomes["wait given up"] += 1
        return False
    if resp.status_code != 200:
        raise Refused(resp)
    outcomes["wait answered"] += 1
    return True


async def settled(app: FastAPI, thread_id: str) -> None:
    """Until this process no longer runs anything on the thread (a stopped run cleans up)."""
    deadline = time.monotonic() + 30
    while app.state.runs.get(thread_id) is not None:
        assert time.monotonic() < deadline, f"{thread_id}: the run never ended"
        await asyncio.sleep(0.02)


async def race_one_thread(
    app: FastAPI, client: httpx.AsyncClient, rng: random.Random, outcomes: Counter
) -> tuple[str, list[str], list[str]]:
    """Two stopped turns on a new thread → (thread, questions sent in order, those the server
    answered 200 to: the others are given-up waits, which it may or may not have taken)."""
    thread_id = f"lg-race-{uuid.uuid4()}"
    path = f"/langgraph/threads/{thread_id}/runs"
    sent: list[str] = []
    acked: list[str] = []
    previous = "nothing"
    for turn in range(2):
        message = f"第二天想去逛街购物，杭州 ({thread_id[-6:]}.{turn})"
        body = run_body(message)
        stop = rng.choice(STOPS)
        delay = 0.0 if rng.random() < AT_ONCE_SHARE else rng.uniform(0, MAX_DELAY_S)
        outcomes[f"stop by {stop}"] += 1
        late_run_possible = bool(sent) and sent[-1] not in acked
        for attempt in range(BUSY_RETRIES):
            try:
                if stop == "wait_gives_up":
                    taken = await given_up_wait(client, path, body, delay, outcomes)
                else:
                    taken = await stopped_stream(client, path, body, stop, delay, outcomes)
                break
            except Refused as exc:
                refused = exc
            if refused_unsaved(refused.status, refused.text):
                outcomes["503: could not be saved (a loaded box)"] += 1
                taken = False
                break
            # A given-up wait may reach the server after its client left: its run starts
            # (and stops at once) only then, and till it has the thread is busy (409).
            assert late_run_possible, (turn, stop, previous, refused.text)
            assert refused.status == 409, (turn, stop, previous, refused.text)
            assert "thread_busy" in refused.text, refused.text
            assert attempt < BUSY_RETRIES - 1, f"{thread_id}: busy for good"
            outcomes["409 while a late run ended"] += 1
            await asyncio.sleep(0.1)
        previous = f"{stop} after {delay:.3f}s"
        sent.append(message)
        if taken:
            acked.append(message)
        await settled(app, thread_id)
    return thread_id, sent, acked


async def race(app: FastAPI, url: str, trials: int, seed: int = 13) -> Counter[str]:
    rng = random.Random(seed)
    outcomes: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=PARALLEL * 3)
    async with httpx.AsyncClient(base_url=url, headers=ALICE, timeout=30, limits=limits) as client:
        results: list[tuple[str, list[str], list[str]]] = []
        for _ in range(0, trials, PARALLEL):
            batch = [race_one_thread(app, client, rng, outcomes) for _i in range(PARALLEL)]
            results += await asyncio.gather(*batch)
        found = await client.post("/langgraph/threads/search", json={"limit": 1000})
        listed = {t["thread_id"] for t in found.json()}
        for thread_id, sent, acked in results:
            state = await client.get(f"/langgraph/threads/{thread_id}/state")
            messages = state.json()["values"].get("messages", []) if state.is_success else []
            questions = [m["content"] for m in messages if m["type"] == "human"]
            lost = [m for m in acked if m not in questions]
            outcomes["questions lost"] += len(lost)
            outcomes["questions kept"] += len(acked) - len(lost)
            outcomes["given-up waits kept"] += len(set(questions) - set(acked))
            assert not lost, (thread_id, questions, acked)
            # in order, each once; a given-up wait's question may land after a later one (the
            # server took it only after its client had gone and sent the next turn)
            assert sorted(questions) == sorted(set(questions) & set(sent)), questions
            assert [m for m in questions if m in acked] == acked, (thread_id, questions)
            assert (thread_id in listed) == bool(questions), (thread_id, questions)
            outcomes["threads listed" if thread_id in listed else "threads never made"] += 1
    return outcomes


def check_race(app: FastAPI, url: str, where: str) -> Counter[str]:
    outcomes = asyncio.run(asyncio.wait_for(race(app, url, TRIALS), RACE_TIMEOUT_S))
    counts = dict(sorted(outcomes.items()))
    print(f"\n/langgraph race on {where}, {TRIALS} threads x 2 turns: {counts}")
    assert outcomes["questions lost"] == 0
    assert outcomes["cancel 202"] >= TRIALS // 8, "too few cancels landed to prove anything"
    assert outcomes["stream hung up"] >= TRIALS // 8, "too few hang-ups landed"
    assert app.state.slots.in_use == 0
    assert len(app.state.runs) == 0
    return outcomes


def test_a_stopped_langgraph_run_never_loses_the_question(tmp_path: Path) -> None:
    app = create_app(keyed(tmp_path, api=RACE_LIMITS))
    with serving(app) as url:
        check_race(app, url, "SQLite")


def test_slow_writes_are_refused_never_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race on a box so loaded that some turns' writes outlast STORE_TIMEOUT_S (a CI run
    once lost a question it had answered 200 to this way): those turns are refused with a 503
    before any 200, and no question the server took is lost."""
    monkeypatch.setattr(api.streaming, "STORE_TIMEOUT_S", 0.5)
    app = create_app(keyed(tmp_path, api=RACE_LIMITS))
    with serving(app) as url:
        slow_some_writes(app, share=0.2, seconds=1.0)
        outcomes = check_race(app, url, "SQLite, one write in five too slow")
    assert outcomes["503: could not be saved (a loaded box)"] >= TRIALS // 10
