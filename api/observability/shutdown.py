"""Graceful shutdown of chat streams: finish them if they can, else end them cleanly.

On SIGTERM uvicorn stops accepting connections and waits for open ones; sse-starlette notices the
shutdown and sets an event. From then on an open stream has `drain_s` to finish on its own (most
answers do). One still running at the deadline is cut: the producer is cancelled (which aborts the
model request) and the client gets `error` {"error": "server_shutdown"} and `end`, so it knows to
retry — on another replica, through the proxy. The deadlines nest so that nothing kills a stream
before it has been ended cleanly:

    drain_s  <  sse-starlette grace (drain_s + SSE_MARGIN_S)
             <  uvicorn timeout_graceful_shutdown (drain_s + UVICORN_MARGIN_S)
             <  the container's stop grace period (docker-compose.yml: 35 s for drain_s = 20)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import anyio
from sse_starlette import ServerSentEvent

log = logging.getLogger(__name__)

SSE_MARGIN_S = 2.0
UVICORN_MARGIN_S = 5.0
SHUTDOWN_REASON = "server_shutdown"
SHUTDOWN_ERROR = {
    "error": "server_shutdown",
    "message": "The server is restarting and stopped this reply. Please send it again.",
}


class ShutdownNotice:
    """Set the moment the server is told to stop (SIGTERM), long before the app's lifespan ends.

    sse-starlette learns of the shutdown by itself; a JSON-mode chat has no such hook, and without
    one uvicorn's graceful-shutdown timeout cancelled it into a bare 500 (found by the soak).
    `api.server` sets it from uvicorn's signal handler, hence the thread-safe `set`.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def set(self) -> None:
        if self._loop is None:  # nobody waits yet: nothing to wake, flipping the flag is safe
            self._event.set()
        else:
            self._loop.call_soon_threadsafe(self._event.set)

    def is_set(self) -> bool:
        return self._event.is_set()

    async def wait(self) -> None:
        self._loop = asyncio.get_running_loop()
        await self._event.wait()


def shutdown_frames() -> list[ServerSentEvent]:
    return [
        ServerSentEvent(event="error", data=json.dumps(SHUTDOWN_ERROR, ensure_ascii=False)),
        ServerSentEvent(event="end", data="null"),
    ]


async def _cancel(task: asyncio.Future[Any]) -> None:
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration, Exception):
        await task


async def drain_on_shutdown(
    events: AsyncIterator[ServerSentEvent], shutdown: anyio.Event, drain_s: float
) -> AsyncIterator[ServerSentEvent]:
    """Relay `events`; once `shutdown` is set, allow `drain_s` more, then end the stream cleanly."""
    loop = asyncio.get_running_loop()
    shutdown_seen = asyncio.ensure_future(shutdown.wait())
    deadline: float | None = None
    step: asyncio.Future[ServerSentEvent] | None = None
    last_event: str | None = None
    try:
        while True:
            # Each step runs in its own task so a deadline can interrupt a stream that is waiting
            # on the model, without cancelling whoever is reading this generator.
            step = asyncio.ensure_future(anext(events))
            if deadline is None:
                await asyncio.wait({step, shutdown_seen}, return_when=asyncio.FIRST_COMPLETED)
                if not step.done():
                    deadline = loop.time() + drain_s
                    log.info("shutdown: giving an open chat stream %.0fs to finish", drain_s)
            if not step.done() and deadline is not None:
                await asyncio.wait({step}, timeout=max(0.0, deadline - loop.time()))
            if not step.done():
                await _cancel(step)
                if last_event != "end":
                    log.warning("shutdown: ended an unfinished chat stream (server_shutdown)")
                    for frame in shutdown_frames():
                        yield frame
                return
            try:
                event = step.result()
            except StopAsyncIteration:
                return
            last_event = event.event
            yield event
    finally:
        await _cancel(shutdown_seen)
        if step is not None:
            await _cancel(step)
        aclose = getattr(events, "aclose", None)
        if aclose is not None:
            await aclose()
