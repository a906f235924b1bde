"""The chat route's SSE response with operations built in: metrics and graceful shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.observability.metrics import Metrics, observe_chat_stream
from api.observability.shutdown import SSE_MARGIN_S, drain_on_shutdown


def chat_sse_response(
    events: AsyncIterator[ServerSentEvent],
    *,
    metrics: Metrics,
    drain_s: float,
    **response_kwargs: Any,
) -> EventSourceResponse:
    """An EventSourceResponse whose stream is counted and ends cleanly when the server stops."""
    shutdown = anyio.Event()
    drained = drain_on_shutdown(events, shutdown, drain_s)
    return EventSourceResponse(
        observe_chat_stream(drained, metrics),
        shutdown_event=shutdown,
        shutdown_grace_period=drain_s + SSE_MARGIN_S,
        **response_kwargs,
    )
