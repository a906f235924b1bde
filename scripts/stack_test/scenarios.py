"""What the stack must do, through nginx only: each check returns facts for the results file and
raises AssertionError with the evidence when the stack does not do it."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from chat import MULTI_INTENT, RED_FLAG, TRAVEL, Client, Turn

Facts = dict[str, Any]
# Which replica answered a request: the backend whose JSON log carries its X-Request-ID.
WhoServed = Callable[[str], str | None]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def chat_sse_and_json(client: Client, sent: dict[str, list[str]]) -> Facts:
    # The backends report healthy on /ready already; right after the start a busy CPU vLLM can
    # miss /ready's 3 s /models deadline once (run of 2026-12-02): give it a minute, say how long.
    ready_after_s = wait_until(lambda: client.http.get("/ready").status_code == 200, 60, 2)
    travel = client.stream(TRAVEL)
    check(travel.complete and travel.text.strip() != "", f"SSE chat: {travel.events[-3:]}")
    sent.setdefault(travel.thread_id, []).append(TRAVEL)
    reply = client.post_json("那第二天呢？", thread_id=travel.thread_id)
    check(reply.status_code == 200, f"JSON chat: {reply.status_code} {reply.text}")
    body = reply.json()
    check(bool(body["messages"]) and "error" not in body, f"JSON chat body: {body}")
    sent[travel.thread_id].append("那第二天呢？")
    return {
        "ready_through_nginx_after_s": ready_after_s,
        "first_token_through_nginx_s": travel.first_token_s,
        "sse_turn_s": travel.total_s,
        "json_turn_chars": sum(len(m["content"]) for m in body["messages"]),
    }


def emergency_turn(client: Client, sent: dict[str, list[str]]) -> Facts:
    emergency = client.stream(RED_FLAG)
    sent.setdefault(emergency.thread_id, []).append(RED_FLAG)
    safety = emergency.custom("safety")
    check(bool(safety) and safety[0]["level"] == "emergency", f"no emergency event: {safety}")
    check(emergency.complete, f"emergency turn: {emergency.names} {emergency.errors}")
    return {
        "emergency_numbers": safety[0].get("emergency_numbers"),
        "emergency_first_event_s": emergency.first_token_s,
    }


def multi_intent_turn(client: Client, sent: dict[str, list[str]]) -> Facts:
    multi = client.stream(MULTI_INTENT)
    sent.setdefault(multi.thread_id, []).append(MULTI_INTENT)
    (route,) = multi.custom("route")
    models = [e["model"] for e in route["experts"]]
    check(multi.complete, f"multi-intent turn: {multi.names[-3:]} {multi.errors}")
    check(len(models) >= 2 and "medical-expert" in models, f"multi-intent route: {route}")
    return {"multi_intent_models": models, "multi_intent_turn_s": multi.total_s}


def alternation(client: Client, who: WhoServed, sent: dict[str, list[str]]) -> Facts:
    """Consecutive requests go to the two replicas in turn (nginx's round-robin, its position
    shared by all workers): one thread's turns, then reads of it, each answered by the replica
    that did not answer the request before, and the thread whole on PostgreSQL.

    Strict alternation, not "both replicas at some point": nothing else reaches the backends
    through nginx meanwhile (health checks go to each container directly), so a proxy that
    round-robins gives A B A B ... every time, and one that picks at random or starts every
    request at the same replica fails (at random: 1 - 2/2**11 of the time for 12 requests)."""
    messages = ["杭州两天怎么玩？", "第一天住哪里方便？", "第二天想去西湖", "晚上吃什么？"]
    found_s = until_all_answer(client, who, 2)
    served: list[str | None] = []
    thread_id: str | None = None
    for message in messages:
        turn = client.stream(message, thread_id=thread_id)
        check(turn.complete, f"turn {message!r}: {turn.events[-3:]} {turn.cut}")
        thread_id = turn.thread_id
        sent.setdefault(thread_id, []).append(message)
        served.append(who(turn.request_id))
    assert thread_id is not None
    history: list[str] = []
    for _ in range(8):  # cheap requests: the same rule, more evidence
        rid = uuid.uuid4().hex
        stored = client.thread(thread_id, request_id=rid)["messages"]
        history = [m["content"] for m in stored if m["role"] == "user"]
        served.append(who(rid))
    check(None not in served, f"could not tell which replica answered: {served}")
    check(len(set(served)) == 2, f"two replicas should answer: {served}")
    repeats = [i for i in range(1, len(served)) if served[i] == served[i - 1]]
    check(not repeats, f"consecutive requests on one replica at {repeats}: {served}")
    check(history == sent[thread_id], f"thread history on PostgreSQL: {history}")
    return {
        "both_answering_after_s": found_s,
        "replicas_in_order": served,
        "turns": len(messages),
        "reads": len(served) - len(messages),
    }


def health_reads(
    client: Client, who: WhoServed, count: int
) -> tuple[list[tuple[int, str | None]], float]:
    """`count` GET /health through nginx back to back: [(status, replica that answered)] and the
    slowest one's seconds. The replicas are looked up afterwards (reading their logs takes
    seconds, and nginx re-resolves `backend` every 10 s: a killed replica must still be listed)."""
    answered = []
    for _ in range(count):
        rid = uuid.uuid4().hex
        resp = client.http.get("/health", headers={"X-Request-ID": rid})
        answered.append((resp.status_code, rid, resp.elapsed.total_seconds()))
    slowest = round(max(seconds for *_, seconds in answered), 2)
    return [(status, who(rid) if status == 200 else None) for status, rid, _ in answered], slowest


def until_all_answer(client: Client, who: WhoServed, replicas: int, timeout_s: float = 90) -> float:
    """Seconds until `replicas` different replicas have answered reads through nginx: a new
    replica joins at nginx's next resolution of `backend` (valid=10s), and one run's first two
    requests met a list without the new one: it joined 31-54 s after it was healthy (2026-12-02
    00:39, vLLM busy; other runs: within 11 s). The rotation is checked from then on."""
    seen: set[str | None] = set()

    def all_answered() -> bool:
        seen.update(name for _, name in health_reads(client, who, replicas)[0])
        return len(seen - {None}) >= replicas

    return wait_until(all_answered, timeout_s, every_s=1)


def replicas_come_and_go(
    client: Client, who: WhoServed, scale: Callable[[int], object], kill: Callable[[str], None]
) -> Facts:
    """A replica added by `--scale` joins the rotation without touching nginx (it re-resolves
    `backend` every 10 s), and a killed one costs no request (a refused connection is tried on
    the next replica; the dead address leaves the list at the next resolution)."""
    scale(3)
    found_s = until_all_answer(client, who, 3)
    three, _ = health_reads(client, who, 9)
    by = [name for _, name in three]
    check(all(status == 200 for status, _ in three), f"reads with three replicas: {three}")
    check(len(set(by) - {None}) == 3, f"all three replicas should answer: {by}")
    check(
        all(len(set(by[i : i + 3])) == 3 for i in range(len(by) - 2)),
        f"three replicas should answer in turn: {by}",
    )
    victim = by[0]  # nginx's next pick after three full rounds: the first read meets it dead
    assert victim is not None
    kill(victim)
    after, slowest_s = health_reads(client, who, 6)
    check(all(status == 200 for status, _ in after), f"reads after killing {victim}: {after}")
    # The killed replica may be back by the last reads (restart: unless-stopped); the two
    # others must have carried them.
    survivors = {name for _, name in after} - {victim}
    check(len(survivors) == 2, f"after killing {victim}: {after}")
    scale(2)
    return {
        "three_answering_after_s": found_s,
        "three_replicas_in_order": by,
        "killed": victim,
        "after_kill": [name for _, name in after],
        # a killed replica's address times out the connect (proxy_connect_timeout) once, then
        # nginx skips it (max_fails=1, fail_timeout=10s) until re-resolution drops it
        "slowest_read_after_kill_s": slowest_s,
    }


class Background:
    """A stream read to its end in a thread; `first_token` is set once text arrives."""

    def __init__(self, client: Client, message: str, thread_id: str | None = None) -> None:
        self.first_token = threading.Event()
        self.turn: Turn | None = None
        self._thread = threading.Thread(target=self._run, args=(client, message, thread_id))
        self._thread.start()

    def _run(self, client: Client, message: str, thread_id: str | None) -> None:
        try:
            self.turn = client.stream(message, thread_id, on_first_token=self._started)
        finally:
            self.first_token.set()

    def _started(self, turn: Turn) -> None:
        self.turn = turn
        self.first_token.set()

    def finished(self, timeout_s: float = 900) -> Turn:
        self._thread.join(timeout_s)
        assert self.turn is not None
        return self.turn


def conflict_across_replicas(client: Client, who: WhoServed, sent: dict[str, list[str]]) -> Facts:
    """A second message on a thread another replica is answering: 409 via the PostgreSQL lease."""
    running = Background(client, "帮我规划五天的云南行程")
    check(running.first_token.wait(900) and running.turn is not None, "no first token")
    thread_id = running.turn.thread_id
    # At once, before reading any log (that takes seconds, and a short answer may be over by
    # then): round-robin sends it to the replica that is not streaming.
    rid = uuid.uuid4().hex
    resp = client.post_json("还有丽江", thread_id=thread_id, request_id=rid)
    holder = who(running.turn.request_id)
    tries = [(resp.status_code, resp.json().get("error", {}).get("type"), who(rid))]
    turn = running.finished()
    check(turn.complete, f"the running turn must finish: {turn.events[-3:]} {turn.cut}")
    sent.setdefault(thread_id, []).append("帮我规划五天的云南行程")
    check(all(t[:2] == (409, "thread_busy") for t in tries), f"409s: {tries}")
    across = [t for t in tries if t[2] is not None and t[2] != holder]
    check(bool(across), f"no 409 came from the other replica (holder {holder}): {tries}")
    return {"holder": holder, "tries": tries}


def killed_mid_stream(
    client: Client, who: WhoServed, kill: Callable[[str], None], sent: dict[str, list[str]]
) -> Facts:
    """SIGKILL the replica that is streaming; the other one keeps answering, the thread too.
    A five-day plan: a long answer, still streaming when the test has found its replica (a
    food tip came in two chunks and had ended by then, run of 2026-12-02 00:25)."""
    running = Background(client, "帮我规划五天的成都行程")
    check(running.first_token.wait(900) and running.turn is not None, "no first token")
    victim = who(running.turn.request_id)
    check(victim is not None, "could not tell which replica streams")
    assert victim is not None
    killed_at = time.monotonic()
    kill(victim)
    cut = running.finished()
    thread_id = cut.thread_id
    check(not cut.complete, f"a killed replica's stream cannot end cleanly: {cut.names[-3:]}")
    # The survivor answers new conversations, and the cut thread (its lease died with the
    # killed replica's database connection).
    fresh = client.stream("杭州有什么好吃的？")
    check(fresh.complete, f"survivor, new thread: {fresh.events[-3:]} {fresh.cut}")
    sent.setdefault(fresh.thread_id, []).append("杭州有什么好吃的？")
    retry_wait = wait_until(lambda: _answers(client, thread_id), timeout_s=120, every_s=3)
    sent.setdefault(thread_id, []).append("帮我规划五天的成都行程（重发）")
    stored = [m["content"] for m in client.thread(thread_id)["messages"] if m["role"] == "user"]
    return {
        "victim": victim,
        "cut_after_events": len(cut.events),
        "cut_error": cut.cut or (cut.errors[0] if cut.errors else None),
        "survivor_first_token_s": fresh.first_token_s,
        "survivor_served_by": who(fresh.request_id),
        "cut_thread_answerable_after_s": retry_wait,
        "cut_message_kept_in_thread": "帮我规划五天的成都行程" in stored,
        "seconds_from_kill_to_survivor_answer": round(time.monotonic() - killed_at, 1),
    }


def _answers(client: Client, thread_id: str) -> bool:
    turn = client.stream("帮我规划五天的成都行程（重发）", thread_id=thread_id)
    return turn.complete


def drain_on_stop(client: Client, stop: Callable[[], None], sent: dict[str, list[str]]) -> Facts:
    """`compose stop backend` while a reply streams: it ends whole or with server_shutdown+end."""
    running = Background(client, "帮我规划两天的苏州行程")
    check(running.first_token.wait(900) and running.turn is not None, "no first token")
    started = time.monotonic()
    stop()
    stop_s = round(time.monotonic() - started, 1)
    turn = running.finished()
    sent.setdefault(turn.thread_id, []).append("帮我规划两天的苏州行程")
    ended = turn.names[-1] if turn.names else None
    shutdown = [e for e in turn.errors if e.get("error") == "server_shutdown"]
    check(turn.cut is None and ended == "end", f"stream must end with `end`: {turn.names[-3:]}")
    check(turn.complete or bool(shutdown), f"neither whole nor server_shutdown: {turn.errors}")
    return {"stop_s": stop_s, "outcome": "whole" if turn.complete else "server_shutdown"}


def nothing_lost(client: Client, sent: dict[str, list[str]]) -> Facts:
    """Every message the test sent is in its thread on PostgreSQL, in order."""
    missing = {}
    for thread_id, messages in sent.items():
        history = client.thread(thread_id)["messages"]
        users = [m["content"] for m in history if m["role"] == "user"]
        if [m for m in messages if m not in users]:
            missing[thread_id] = {"sent": messages, "stored": users}
    check(not missing, f"messages lost: {missing}")
    return {"threads": len(sent), "messages": sum(len(m) for m in sent.values())}


def wait_until(predicate: Callable[[], bool], timeout_s: float, every_s: float = 1.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if predicate():
            return round(time.monotonic() - started, 1)
        time.sleep(every_s)
    raise TimeoutError(f"condition not met within {timeout_s}s")
