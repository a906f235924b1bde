"""Prometheus metrics of the backend: HTTP requests, chat streams, routes by expert, errors.

Served at GET /metrics, beside vLLM's own /metrics (queue, KV cache, tokens, per-LoRA requests).
One registry per app, built in `create_app` and kept on `app.state`, so tests (and several apps in
one process) never share counters. Each container runs one process; Prometheus scrapes every
replica (deploy/prometheus.yml), so no multiprocess mode is needed.

The chat metrics are read off the SSE events themselves (`observe_chat_stream`), so they count
what the client actually received, whatever produced it.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector
from sse_starlette import ServerSentEvent
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ApiError
from config.settings import Settings
from graph.events import RouteEvent
from graph.events import parse as parse_event

log = logging.getLogger(__name__)

# Replies take seconds to minutes (CPU vLLM is ~6 tok/s); buckets cover both worlds.
STREAM_BUCKETS = (0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600)
FIRST_TOKEN_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    http_requests: Counter
    http_duration: Histogram
    streams_active: Gauge
    stream_duration: Histogram
    first_token: Histogram
    routes: Counter
    chunks: Counter
    errors: Counter


def build_metrics() -> Metrics:
    registry = CollectorRegistry()
    for collector in (ProcessCollector, PlatformCollector, GCCollector):
        collector(registry=registry)
    return Metrics(
        registry=registry,
        http_requests=Counter(
            "tg_http_requests",
            "HTTP requests answered, by route template and status.",
            ["method", "route", "status"],
            registry=registry,
        ),
        http_duration=Histogram(
            "tg_http_request_duration_seconds",
            "Time from request to the end of the response (for /chat: the whole stream).",
            ["method", "route"],
            buckets=STREAM_BUCKETS,
            registry=registry,
        ),
        streams_active=Gauge(
            "tg_chat_streams_active", "Chat streams open right now.", registry=registry
        ),
        stream_duration=Histogram(
            "tg_chat_stream_duration_seconds",
            "Chat stream length by outcome: ok, an error type, or disconnected.",
            ["outcome"],
            buckets=STREAM_BUCKETS,
            registry=registry,
        ),
        first_token=Histogram(
            "tg_chat_time_to_first_token_seconds",
            "From the start of a chat stream to its first token.",
            buckets=FIRST_TOKEN_BUCKETS,
            registry=registry,
        ),
        routes=Counter(
            "tg_chat_routes",
            "Experts the router chose, by expert, domain and served model.",
            ["expert", "domain", "model"],
            registry=registry,
        ),
        chunks=Counter(
            "tg_chat_stream_chunks",
            "Token chunks streamed to clients, by expert and model.",
            ["expert", "model"],
            registry=registry,
        ),
        errors=Counter(
            "tg_chat_errors",
            "`error` events sent to clients, by error type.",
            ["type"],
            registry=registry,
        ),
    )


class MetricsMiddleware:
    """Pure ASGI (never buffers a streaming body): counts each request under its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            # The template (/threads/{thread_id}), never the raw path: bounded label values.
            route = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            self.metrics.http_requests.labels(method, route, str(status)).inc()
            self.metrics.http_duration.labels(method, route).observe(time.perf_counter() - started)


def _payload(event: ServerSentEvent) -> Any:
    try:
        return json.loads(event.data) if isinstance(event.data, str) else event.data
    except ValueError:
        return None


async def observe_chat_stream(
    events: AsyncIterator[ServerSentEvent], metrics: Metrics
) -> AsyncIterator[ServerSentEvent]:
    """Pass the events through unchanged, counting routes, chunks, errors and timings."""
    started = time.perf_counter()
    first_token_seen = ended = False
    error_type: str | None = None
    metrics.streams_active.inc()
    try:
        async for event in events:
            name = event.event
            if name == "messages":
                data = _payload(event)
                labels = data[1] if isinstance(data, list) and len(data) > 1 else {}
                if not first_token_seen:
                    first_token_seen = True
                    metrics.first_token.observe(time.perf_counter() - started)
                metrics.chunks.labels(
                    str(labels.get("expert", "unknown")), str(labels.get("model", "unknown"))
                ).inc()
            elif name == "custom":
                turn_event = parse_event(_payload(event))
                if isinstance(turn_event, RouteEvent):
                    for expert in turn_event.experts:
                        metrics.routes.labels(expert.name, expert.domain, expert.model).inc()
            elif name == "error":
                data = _payload(event)
                error_type = str(data.get("error")) if isinstance(data, dict) else "unknown"
                metrics.errors.labels(error_type).inc()
            elif name == "end":
                ended = True
            yield event
    finally:
        outcome = error_type or ("ok" if ended else "disconnected")
        metrics.streams_active.dec()
        metrics.stream_duration.labels(outcome).observe(time.perf_counter() - started)


def get_metrics(request: Request) -> Metrics:
    return request.app.state.metrics


MetricsDep = Annotated[Metrics, Depends(get_metrics)]


def metrics_allowed(request: Request, settings: Settings) -> bool:
    """With TG_METRICS_KEY: that bearer key, compared in constant time. Without: dev mode only
    (whose loopback guard already checked Host and Origin)."""
    if settings.api.metrics_key is None:
        return settings.api.dev_mode
    sent = request.headers.get("authorization", "").encode()
    expected = f"Bearer {settings.api.metrics_key.get_secret_value()}".encode()
    return hmac.compare_digest(sent, expected)


def install_metrics(app: FastAPI, settings: Settings) -> Metrics:
    """Build the registry, count every request, and serve GET /metrics (text exposition) to
    holders of the metrics key: its labels name experts, routes and models (issue 12)."""
    metrics = build_metrics()
    app.state.metrics = metrics
    app.add_middleware(MetricsMiddleware, metrics=metrics)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics(request: Request) -> Response:
        if not metrics_allowed(request, settings):
            raise ApiError(404, "not_found", "Not Found")
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return metrics
