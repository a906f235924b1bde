"""POST /chat: one user turn in, the graph's answer out as SSE (default) or one JSON body."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse

from api.deps import ChatServiceDep, OwnerDep, SettingsDep
from api.observability.metrics import MetricsDep
from api.observability.sse import chat_sse_response
from api.replies import collect_reply, wants_json
from api.schemas import ChatReply, ChatRequest, ErrorBody
from api.streaming import sse_events

router = APIRouter(tags=["chat"])

# The event vocabulary and an example transcript, kept as data (also quoted in the README).
SSE_DESCRIPTION = (Path(__file__).resolve().parent.parent / "chat_events.md").read_text("utf-8")

RESPONSES: dict[int | str, dict] = {
    200: {
        "model": ChatReply,
        "description": SSE_DESCRIPTION,
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    },
    401: {"model": ErrorBody, "description": "Missing or invalid API key"},
    404: {"model": ErrorBody, "description": "thread_id belongs to nobody you know"},
    409: {"model": ErrorBody, "description": "The thread is still answering (`thread_busy`)"},
    413: {"model": ErrorBody, "description": "Body larger than max_body_bytes"},
    422: {"model": ErrorBody, "description": "Invalid body or message too long"},
    429: {
        "model": ErrorBody,
        "description": "Rate limit, or too many replies at once, per API key; see Retry-After",
    },
    503: {
        "model": ErrorBody,
        "description": "Too many replies at once, the model server down, or the server "
        "restarting (`server_shutdown`, a JSON reply), or the message could not be saved "
        "(`store_unavailable`: nothing was taken, send it again); see Retry-After",
    },
}


@router.post("/chat", response_model=None, responses=RESPONSES)
async def chat(
    request: Request,
    body: ChatRequest,
    owner: OwnerDep,
    settings: SettingsDep,
    service: ChatServiceDep,
    metrics: MetricsDep,
) -> EventSourceResponse | JSONResponse:
    run = await service.start(owner, body.message, body.thread_id)
    headers = {"Content-Location": f"/threads/{run.thread_id}/runs/{run.run_id}"}
    if wants_json(body, request):
        reply, status = await collect_reply(run, request, settings.api.shutdown_drain_s)
        content = reply.model_dump(mode="json", exclude_none=True)
        if status == 503:
            headers["Retry-After"] = str(settings.api.retry_after_s)
        return JSONResponse(content, status_code=status, headers=headers)
    # issue 7: counted for /metrics, and ended cleanly (error + end) on server shutdown
    return chat_sse_response(
        sse_events(run),
        metrics=metrics,
        drain_s=settings.api.shutdown_drain_s,
        run_id=run.run_id,
        headers=headers,
        ping=settings.api.sse_ping_s,
    )
