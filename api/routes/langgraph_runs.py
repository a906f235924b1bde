"""The LangGraph Server API's runs: stream, wait, get, join, cancel (see langgraph_api.py).

Every run starts through the ChatService as /chat's do; the SSE stream is the same pipeline
(shutdown drain, metrics, event ids) in LangGraph's framing: full message dicts, no `end`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.chat_service import ChatService
from api.deps import ChatServiceDep, OwnerDep, SettingsDep, ThreadIdPath
from api.errors import ApiError
from api.langgraph_schemas import Json, Run, RunCreate
from api.langgraph_threads import (
    dumps,
    get_run,
    require_latest_checkpoint,
    thread_exists_for,
    thread_values,
)
from api.observability.metrics import MetricsDep
from api.observability.sse import chat_sse_response
from api.replies import stopped_with_its_client
from api.routes.langgraph_api import ERRORS, require_assistant
from api.schemas import THREAD_ID_PATTERN
from api.streaming import ChatRun, full_message

router = APIRouter(prefix="/langgraph/threads/{thread_id}/runs", tags=["langgraph"])
JOIN_POLL_S = 0.2  # how often join looks at a run another API process runs
RunIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=THREAD_ID_PATTERN)]


async def _start(service: ChatService, owner: str, thread_id: str, body: RunCreate) -> ChatRun:
    require_assistant(body.assistant_id)
    exists = await thread_exists_for(service.checkpointer, thread_id, owner)
    if not exists and body.if_not_exists != "create":
        raise ApiError(404, "not_found", "no such thread (if_not_exists: create makes one)")
    start = body.start_checkpoint()
    if start is not None:
        await require_latest_checkpoint(service.graph, thread_id, owner, start)
    message = body.input.messages[0]
    if exists and message.id is not None:
        values = await thread_values(service.graph, thread_id, owner)
        if any(m.get("id") == message.id for m in values.get("messages", [])):
            # add_messages would replace that message with this one: a question lost
            raise ApiError(422, "validation_error", "input.messages.0.id: already in the thread")
    return await service.start(
        owner,
        message.text(),
        thread_id,
        modes=body.modes(),
        message_format=full_message,
        message_id=message.id,
    )


def _frames(run: ChatRun) -> AsyncIterator[ServerSentEvent]:
    async def frames() -> AsyncIterator[ServerSentEvent]:
        try:
            async for name, data in run.events():
                if name == "metadata":
                    data = {**data, "attempt": 1}
                yield ServerSentEvent(event=name, data=dumps(data))
        finally:
            run.handle.cancel("client disconnected")  # a no-op once the run has finished

    return frames()


def _location(run: ChatRun) -> dict[str, str]:
    return {"Content-Location": f"/langgraph/threads/{run.thread_id}/runs/{run.run_id}"}


@router.post(
    "/stream",
    response_model=None,
    responses={**ERRORS, 200: {"content": {"text/event-stream": {}}}},
)
async def stream_run(
    thread_id: ThreadIdPath,
    body: RunCreate,
    owner: OwnerDep,
    service: ChatServiceDep,
    settings: SettingsDep,
    metrics: MetricsDep,
) -> EventSourceResponse:
    """Events `metadata`, then `messages` ([message dict, metadata]), `updates`, `values`,
    `custom` as asked, `error` on failure; the stream closes when the run ends."""
    run = await _start(service, owner, thread_id, body)
    return chat_sse_response(
        _frames(run),
        metrics=metrics,
        drain_s=settings.api.shutdown_drain_s,
        run_id=run.run_id,
        send_end=False,
        headers=_location(run),
        ping=settings.api.sse_ping_s,
    )


async def _outcome(run: ChatRun, owner: str) -> Json:
    """What /wait and /join answer: the thread's values, or the run's error as LangGraph
    sends it (`__error__`, which the SDKs raise)."""
    error: Json | None = None
    async for name, data in run.events():
        if name == "error":
            error = data
    if error is not None:
        return {"__error__": error}
    return await thread_values(run.graph, run.thread_id, owner)


@router.post("/wait", response_model=Json, responses=ERRORS)
async def wait_run(
    thread_id: ThreadIdPath,
    body: RunCreate,
    request: Request,
    owner: OwnerDep,
    service: ChatServiceDep,
    settings: SettingsDep,
) -> JSONResponse:
    run = await _start(service, owner, thread_id, body.model_copy(update={"stream_mode": []}))
    async with stopped_with_its_client(request, run.handle, settings.api.shutdown_drain_s):
        outcome = await _outcome(run, owner)
    return JSONResponse(outcome, headers=_location(run))


@router.get("/{run_id}", response_model=Run, responses=ERRORS)
async def get_one_run(
    thread_id: ThreadIdPath, run_id: RunIdPath, owner: OwnerDep, service: ChatServiceDep
) -> Run:
    return await get_run(service, thread_id, run_id, owner)


async def _finished(service: ChatService, thread_id: str, run_id: str, owner: str) -> Json:
    """Wait for the run, then answer the thread's values. A run of this process is awaited;
    one that another API process runs (PostgreSQL) is polled until it is no longer running
    (it ends by its own run timeout at the latest; a process that dies drops its lease)."""
    run = await get_run(service, thread_id, run_id, owner)  # 404 for unknown / others' runs
    handle = service.runs.get(thread_id)
    if run.status == "running" and handle is not None and handle.task is not None:
        await asyncio.shield(handle.task)
    else:
        while run.status == "running":
            await asyncio.sleep(JOIN_POLL_S)
            run = await get_run(service, thread_id, run_id, owner)
    return await thread_values(service.graph, thread_id, owner)


@router.get("/{run_id}/join", response_model=Json, responses=ERRORS)
async def join_run(
    thread_id: ThreadIdPath, run_id: RunIdPath, owner: OwnerDep, service: ChatServiceDep
) -> Json:
    return await _finished(service, thread_id, run_id, owner)


@router.post(
    "/{run_id}/cancel",
    status_code=202,
    response_model=None,
    responses=ERRORS,
)
async def cancel_run(
    thread_id: ThreadIdPath,
    run_id: RunIdPath,
    owner: OwnerDep,
    service: ChatServiceDep,
    wait: Annotated[bool, Query()] = False,
    action: Annotated[str, Query(pattern="^interrupt$")] = "interrupt",
) -> Response:
    """Stop a running run (action `interrupt`: the partial answer is kept, marked
    incomplete); with `wait=1`, answer the thread's values once it has stopped."""
    await service.cancel(owner, thread_id, run_id)
    if not wait:
        return Response(status_code=202)
    return JSONResponse(await _finished(service, thread_id, run_id, owner))
