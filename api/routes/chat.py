"""POST /chat: one user turn in, the graph's answer streamed out as SSE."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from sse_starlette import EventSourceResponse

from api.deps import GraphDep, SettingsDep
from api.observability.metrics import MetricsDep
from api.observability.sse import chat_sse_response
from api.schemas import ChatRequest, ErrorBody
from api.streaming import chat_events

router = APIRouter(tags=["chat"])

SSE_DESCRIPTION = """Server-sent events, in LangGraph's wire vocabulary:
`metadata` {run_id, thread_id} → `custom` {type: route, experts: [...]} → `messages`
[chunk, {expert, domain, model, ...}] token chunks → optional `error` {error, message} →
`end` (data null)."""


@router.post(
    "/chat",
    response_class=EventSourceResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": SSE_DESCRIPTION},
        422: {"model": ErrorBody, "description": "Invalid body"},
    },
)
async def chat(
    body: ChatRequest, graph: GraphDep, settings: SettingsDep, metrics: MetricsDep
) -> EventSourceResponse:
    thread_id = body.thread_id or str(uuid.uuid4())
    run_id = str(uuid.uuid4())
    events = chat_events(graph, body.message, thread_id, run_id)
    # issue 7: counted for /metrics, and ended cleanly (error + end) on server shutdown
    return chat_sse_response(events, metrics=metrics, drain_s=settings.shutdown_drain_s)
