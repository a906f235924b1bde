"""The SSE response of a run, with operations built in: metrics, graceful shutdown, event ids.

The run's events are wrapped generator by generator before sse-starlette sees them (its
`body_iterator` is left alone): the shutdown drain, the metrics, then ids `<run_id>:<seq>` on
every event, whichever layer produced it. Pings are comments sse-starlette sends itself, never
numbered.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.observability.metrics import Metrics, observe_chat_stream
from api.observability.shutdown import SSE_MARGIN_S, drain_on_shutdown
from api.streaming import numbered


async def without_end(events: AsyncIterator[ServerSentEvent]) -> AsyncIterator[ServerSentEvent]:
    """The LangGraph Server API ends a stream by closing it: no `end` event on its wire."""
    async for event in events:
        if event.event != "end":
            yield event


def chat_sse_response(
    events: AsyncIterator[ServerSentEvent],
    *,
    metrics: Metrics,
    drain_s: float,
    run_id: str,
    send_end: bool = True,
    **response_kwargs: Any,
) -> EventSourceResponse:
    """An EventSourceResponse whose stream is counted, numbered and ends cleanly when the
    server stops."""
    shutdown = anyio.Event()
    drained = drain_on_shutdown(events, shutdown, drain_s)
    wire = numbered(run_id, observe_chat_stream(drained, metrics))
    return EventSourceResponse(
        wire if send_end else without_end(wire),
        shutdown_event=shutdown,
        shutdown_grace_period=drain_s + SSE_MARGIN_S,
        **response_kwargs,
    )
