"""`"stream": false` / `Accept: application/json`: the same run, gathered into one ChatReply.

The run is cancelled when the client goes away, exactly as a stream's is: nobody is left to
read the reply, so it must not hold a reply slot and the thread (409) until it ends. When the
server is told to stop, the run has the drain time a stream has, then it is stopped and answered
503 `server_shutdown` (before, uvicorn's own timeout cancelled it into a bare 500).

A failed run still answers with a ChatReply (thread, run, any partial answer) whose `error`
has the one error shape, under the HTTP status that fits the failure.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import Request

from api.observability.shutdown import SHUTDOWN_REASON, ShutdownNotice
from api.runs import RunHandle
from api.schemas import ChatReply, ChatRequest, ErrorDetail, ReplyMessage, RoutedExpertOut
from api.streaming import ChatRun
from graph.events import RouteEvent, SafetyEvent
from graph.events import parse as parse_event

ERROR_STATUS = {
    "llm_unavailable": 503,
    "llm_timeout": 504,
    "run_timeout": 504,
    "llm_error": 502,
    "cancelled": 409,
    "server_shutdown": 503,
    "store_unavailable": 503,
    "internal_error": 500,
}


def wants_json(body: ChatRequest, request: Request) -> bool:
    if not body.stream:
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/event-stream" not in accept


async def cancel_on_disconnect(request: Request, handle: RunHandle) -> None:
    """Once the body is read, the next ASGI message is `http.disconnect`: stop the run then."""
    while (await request.receive())["type"] != "http.disconnect":
        pass
    handle.cancel("client disconnected")


async def cancel_after_drain(notice: ShutdownNotice, handle: RunHandle, drain_s: float) -> None:
    await notice.wait()
    await asyncio.sleep(drain_s)
    handle.cancel(SHUTDOWN_REASON)


@contextlib.asynccontextmanager
async def stopped_with_its_client(
    request: Request, handle: RunHandle, drain_s: float
) -> AsyncIterator[None]:
    """While a JSON-mode run is awaited: stop it when the client goes or the drain runs out."""
    notice: ShutdownNotice = request.app.state.shutdown_notice
    watchers = [
        asyncio.create_task(cancel_on_disconnect(request, handle)),
        asyncio.create_task(cancel_after_drain(notice, handle, drain_s)),
    ]
    try:
        yield
    finally:
        for watcher in watchers:
            watcher.cancel()
        for watcher in watchers:
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


async def collect_reply(run: ChatRun, request: Request, drain_s: float) -> tuple[ChatReply, int]:
    async with stopped_with_its_client(request, run.handle, drain_s):
        return await _gather(run)


async def _gather(run: ChatRun) -> tuple[ChatReply, int]:
    experts: list[RoutedExpertOut] = []
    safety: list[dict[str, Any]] = []
    answers: dict[str, ReplyMessage] = {}
    error: ErrorDetail | None = None
    async for name, data in run.events():
        event = parse_event(data) if name == "custom" else None
        if isinstance(event, RouteEvent):
            experts = [RoutedExpertOut.model_validate(e.model_dump()) for e in event.experts]
        elif isinstance(event, SafetyEvent):
            safety.append(event.model_dump())
        elif name == "messages":
            chunk, labels = data
            node = str(labels.get("langgraph_node") or labels.get("expert") or "")
            answer = answers.setdefault(
                node,
                ReplyMessage(expert=labels.get("expert"), model=labels.get("model"), content=""),
            )
            if isinstance(chunk.get("content"), str):
                answer.content += chunk["content"]
        elif name == "error":
            error = ErrorDetail(type=data["error"], message=data["message"])
    if error is not None:
        for answer in answers.values():
            answer.incomplete = True
    reply = ChatReply(
        thread_id=run.thread_id,
        run_id=run.run_id,
        experts=experts,
        safety=safety,
        messages=list(answers.values()),
        error=error,
    )
    return reply, ERROR_STATUS.get(error.type, 500) if error else 200
