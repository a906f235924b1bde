"""Wall-clock marks at each step a measured `/chat` turn passes, taken inside the API process.

Used by `ttft_steps.py`. The marks are patched into the app's own functions (no callback
handler: a handler runs per token and per runnable and would cost what it measures). Only a
request that carries the `x-bench-measure` header is marked: its marks live in a context
variable that the run's task and the graph's node tasks inherit, so background load on the same
process leaves no marks. Points (a turn that never calls a model skips the model's):

    request at the app → admitted → journal row written → user message saved → safety start/end
    → route start/end → <expert> start → model request sent → first model chunk at the guard
    → guard releases the first text → first token in the run → first token framed

plus durations summed inside a step (`dur:` keys): the triage classifier, the fallback router,
the per-ask reader, the card-led doctor, the KB-led answer, the expert's prompt preparation and
its condition retrieval; and `held chunks`, the model chunks the guard took in before it showed
anything.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable
from typing import Any

Marks = dict[str, Any]
MEASURE_HEADER = b"x-bench-measure"
_current: contextvars.ContextVar[Marks | None] = contextvars.ContextVar("ttft_marks", default=None)


def mark(name: str) -> None:
    if (marks := _current.get()) is not None:
        marks.setdefault(name, time.perf_counter())


def _add(name: str, seconds: float) -> None:
    if (marks := _current.get()) is not None:
        marks[name] = marks.get(name, 0.0) + seconds


def _timed(owner: Any, attr: str, label: str) -> None:
    """Sum the wall time of every call of owner.attr (sync) into `dur:<label>`."""
    inner = getattr(owner, attr)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if _current.get() is None:
            return inner(*args, **kwargs)
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            _add(f"dur:{label}", time.perf_counter() - start)

    setattr(owner, attr, wrapped)


def _around_async(owner: Any, attr: str, before: str | None, after: str) -> None:
    inner = getattr(owner, attr)

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        if before:
            mark(before)
        result = await inner(*args, **kwargs)
        mark(after)
        return result

    setattr(owner, attr, wrapped)


def _marked_nodes(factory: Callable[..., Any], name_of: Callable[..., str]) -> Callable[..., Any]:
    """A node factory whose nodes mark their start and end."""

    def make(*args: Any, **kwargs: Any) -> Any:
        node = factory(*args, **kwargs)
        name = name_of(*args, **kwargs)

        async def marked(state: Any) -> Any:
            mark(f"node {name} start")
            result = await node(state)
            mark(f"node {name} end")
            return result

        return marked

    return make


_installed = False


def install(model_ports: set[int]) -> None:
    """Patch the marks in (once per process, before any app is built)."""
    global _installed
    if _installed:
        return
    _installed = True
    import openai._base_client

    import agents.chains
    import agents.expert
    import agents.guard.model
    import api.chat_service
    import api.run_journal
    import api.streaming
    import graph.builder
    from agents.card_answer import CardLedDoctor
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import AskReader
    from graph.triage.classifier import TriageClassifier

    graph.builder.make_safety_node = _marked_nodes(  # type: ignore[assignment]
        graph.builder.make_safety_node, lambda *a, **k: "safety"
    )
    graph.builder.make_route_node = _marked_nodes(  # type: ignore[assignment]
        graph.builder.make_route_node, lambda *a, **k: "route"
    )
    graph.builder.make_llm_expert_node = _marked_nodes(  # type: ignore[assignment]
        graph.builder.make_llm_expert_node, lambda answerer: "expert"
    )
    _timed(TriageClassifier, "classify", "triage classifier")
    _timed(ClassifierRouter, "route", "routing (fallback router)")
    _timed(AskReader, "answering", "triage ask reader")
    _timed(CardLedDoctor, "answer", "card-led doctor")
    _timed(agents.chains, "kb_led_answer", "KB-led answer")
    _timed(agents.expert.Expert, "prepare", "expert prompt (prepare)")
    _timed(agents.expert, "condition_prompt", "condition retrieval")

    _around_async(api.chat_service.ChatService, "start", None, "admitted")
    _around_async(api.run_journal.RunJournal, "opened", None, "journal row written")
    _around_async(api.streaming.ChatRun, "_save_turn", None, "user message saved")

    # The OpenAI SDK sends through its own copy of httpx; its one send hook is this method.
    send = openai._base_client.AsyncAPIClient._send_request

    async def send_marked(self: Any, request: Any, **kw: Any) -> Any:
        if request.url.port in model_ports and (marks := _current.get()) is not None:
            mark("model request sent")
            marks.setdefault("model body", request.content)
        return await send(self, request, **kw)

    openai._base_client.AsyncAPIClient._send_request = send_marked  # type: ignore[method-assign]

    checked = agents.guard.model._checked

    def checked_marked(gate: Any, tail: Any, chunk: Any) -> Any:
        pieces = checked(gate, tail, chunk)
        if (marks := _current.get()) is not None and "guard releases the first text" not in marks:
            mark("first model chunk at the guard")
            marks["held chunks"] = marks.get("held chunks", 0) + 1
            if any(p.message.content for p in pieces):
                mark("guard releases the first text")
        return pieces

    agents.guard.model._checked = checked_marked  # type: ignore[assignment]

    on_stream = api.streaming.ChatRun._on_stream

    def on_stream_marked(self: Any, mode: str, payload: Any, emit: Any) -> None:
        if mode == "messages" and payload[0].content:
            mark("first token in the run")
        on_stream(self, mode, payload, emit)

    api.streaming.ChatRun._on_stream = on_stream_marked  # type: ignore[method-assign]
    sse_frame = api.streaming.sse_frame

    def sse_frame_marked(event: Any) -> Any:
        frame = sse_frame(event)
        if event[0] == "messages" and event[1][0].get("content"):
            mark("first token framed")
        return frame

    api.streaming.sse_frame = sse_frame_marked  # type: ignore[assignment]


def measured_app(app: Any, turns: list[Marks]) -> Any:
    """The ASGI app, marking the requests sent with the measure header (one dict per turn)."""

    async def marked(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and any(k == MEASURE_HEADER for k, _ in scope["headers"]):
            marks: Marks = {"request at the app": time.perf_counter()}
            turns.append(marks)
            token = _current.set(marks)
            try:
                await app(scope, receive, send)
            finally:
                _current.reset(token)
            return
        await app(scope, receive, send)

    return marked
