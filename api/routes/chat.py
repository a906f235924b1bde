"""POST /chat: one user turn in, the graph's answer out as SSE (default) or one JSON body."""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse

from api.deps import (
    CheckpointerDep,
    GraphDep,
    JournalDep,
    LeasesDep,
    OwnerDep,
    RunsDep,
    SettingsDep,
    SlotsDep,
)
from api.errors import ApiError
from api.observability.metrics import MetricsDep
from api.observability.sse import chat_sse_response
from api.replies import collect_reply, wants_json
from api.runs import thread_busy
from api.schemas import ChatReply, ChatRequest, ErrorBody
from api.streaming import ChatRun, numbered, sse_events
from api.thread_store import thread_owner

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
    503: {"model": ErrorBody, "description": "Too many replies at once; see Retry-After"},
}


@router.post("/chat", response_model=None, responses=RESPONSES)
async def chat(
    request: Request,
    body: ChatRequest,
    owner: OwnerDep,
    settings: SettingsDep,
    graph: GraphDep,
    checkpointer: CheckpointerDep,
    runs: RunsDep,
    slots: SlotsDep,
    metrics: MetricsDep,
    leases: LeasesDep,
    journal: JournalDep,
) -> EventSourceResponse | JSONResponse:
    if len(body.message) > settings.max_message_chars:
        raise ApiError(
            422,
            "validation_error",
            f"message: at most {settings.max_message_chars} characters",
        )
    thread_id = body.thread_id or str(uuid.uuid4())
    if body.thread_id is not None:
        existing = await thread_owner(checkpointer, thread_id)
        if existing is not None and existing != owner:
            raise ApiError(404, "not_found", "no such thread")
    run_id = str(uuid.uuid4())
    handle = runs.start(thread_id, run_id, owner)  # 409 if this process is answering it
    try:
        slots.acquire(owner)  # 429/503 when too many replies are being generated
    except ApiError:
        runs.finish(handle)
        raise
    try:
        lease = await leases.acquire(thread_id)  # None if another process is answering it
    except BaseException:
        runs.finish(handle)
        slots.release(owner)
        raise
    if lease is None:
        runs.finish(handle)
        slots.release(owner)
        raise thread_busy()

    async def finish() -> None:
        runs.finish(handle)
        slots.release(owner)
        await lease.release()

    run = ChatRun(
        graph,
        handle,
        message=body.message,
        timeout_s=settings.run_timeout_s,
        journal=journal,
        on_finish=finish,
    )
    run.start()
    headers = {"Content-Location": f"/threads/{thread_id}/runs/{run_id}"}
    if wants_json(body, request):
        reply, status = await collect_reply(run, request)
        content = reply.model_dump(mode="json", exclude_none=True)
        return JSONResponse(content, status_code=status, headers=headers)
    # issue 7: counted for /metrics, and ended cleanly (error + end) on server shutdown
    response = chat_sse_response(
        sse_events(run),
        metrics=metrics,
        drain_s=settings.shutdown_drain_s,
        headers=headers,
        ping=settings.sse_ping_s,
    )
    response.body_iterator = numbered(run_id, response.body_iterator)  # ids on every event
    return response
