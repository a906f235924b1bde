"""The LangGraph Server API (the part langgraph-sdk and agent-chat-ui use), under /langgraph.

`get_client(url=f"{API}/langgraph")` drives the production service: the same ChatService as
/chat admits every run (keys and owners, reply slots, thread leases, 409 on a busy thread,
cancel on disconnect) on the same durable threads. It has a prefix because two of its paths
would collide with ours (GET /threads/{id}, GET /threads/{id}/runs/{run_id} answer other
bodies). What is not served: docs/langgraph_api.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from api.chat_service import ChatService
from api.deps import ChatServiceDep, OwnerDep, SettingsDep, ThreadIdPath
from api.errors import ApiError
from api.langgraph_schemas import (
    GRAPH_ID,
    Assistant,
    AssistantSearch,
    HistoryRequest,
    Json,
    Run,
    RunCreate,
    Thread,
    ThreadCreate,
    ThreadSearch,
    ThreadState,
)
from api.langgraph_threads import (
    THREAD_METADATA,
    check_metadata,
    create_thread,
    dumps,
    get_run,
    get_thread,
    search_threads,
    thread_exists_for,
    thread_state,
    thread_states,
    thread_values,
)
from api.observability.metrics import MetricsDep
from api.observability.sse import chat_sse_response
from api.replies import cancel_on_disconnect
from api.schemas import THREAD_ID_PATTERN, ErrorBody
from api.streaming import ChatRun, full_message
from api.thread_store import require_own_thread

router = APIRouter(prefix="/langgraph", tags=["langgraph"])

ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorBody, "description": "Missing or invalid API key"},
    404: {"model": ErrorBody, "description": "No such assistant, thread or run (or another's)"},
    409: {"model": ErrorBody, "description": "The thread is answering (`thread_busy`)"},
    422: {"model": ErrorBody, "description": "Invalid body, or a feature that is not served"},
    429: {"model": ErrorBody, "description": "Rate limit or too many replies; see Retry-After"},
}
STARTED = datetime.now(UTC)
ASSISTANT = Assistant(
    assistant_id=GRAPH_ID,
    graph_id=GRAPH_ID,
    name=GRAPH_ID,
    description="Trip Genius (旅小智): travel planning with a dermatology expert.",
    created_at=STARTED,
    updated_at=STARTED,
)
RunIdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=THREAD_ID_PATTERN)]


def _require_assistant(assistant_id: str) -> None:
    if assistant_id not in (GRAPH_ID,):
        raise ApiError(404, "not_found", f"no such assistant (this server has {GRAPH_ID!r})")


def _matches(wanted: Json | None, have: Json) -> bool:
    return all(have.get(k) == v for k, v in (wanted or {}).items())


@router.post("/assistants/search", response_model=list[Assistant], responses=ERRORS)
async def search_assistants(body: AssistantSearch, owner: OwnerDep) -> list[Assistant]:
    found = (
        body.graph_id in (None, GRAPH_ID)
        and body.name in (None, ASSISTANT.name)
        and _matches(body.metadata, ASSISTANT.metadata)
    )
    return [ASSISTANT][body.offset : body.offset + body.limit] if found else []


@router.get("/assistants/{assistant_id}", response_model=Assistant, responses=ERRORS)
async def get_assistant(assistant_id: str, owner: OwnerDep) -> Assistant:
    _require_assistant(assistant_id)
    return ASSISTANT


@router.post("/threads", response_model=Thread, responses=ERRORS)
async def create(body: ThreadCreate, owner: OwnerDep, service: ChatServiceDep) -> Thread:
    check_metadata(body.metadata)
    if body.thread_id is None:
        thread_id = str(uuid.uuid4())
    else:
        thread_id = body.thread_id
        owned = await thread_exists_for(service.checkpointer, thread_id, owner)
        if owned and body.if_exists == "do_nothing":
            return await get_thread(service, thread_id, owner)
        if owned:
            raise ApiError(409, "thread_exists", "a thread with this id exists")
    await create_thread(service.checkpointer, thread_id, owner)
    return await get_thread(service, thread_id, owner)


@router.post("/threads/search", response_model=list[Thread], responses=ERRORS)
async def search(body: ThreadSearch, owner: OwnerDep, service: ChatServiceDep) -> list[Thread]:
    threads = [
        t
        for t in await search_threads(service, owner)
        if _matches(body.metadata, THREAD_METADATA)
        and (body.ids is None or t.thread_id in body.ids)
        and body.status in (None, t.status)
    ]
    if body.sort_by is not None:
        key = body.sort_by
        threads.sort(key=lambda t: str(getattr(t, key) or ""), reverse=body.sort_order != "asc")
    page = threads[body.offset : body.offset + body.limit]
    for thread in page:
        thread.values = await thread_values(service.graph, thread.thread_id, owner)
    return page


@router.get("/threads/{thread_id}", response_model=Thread, responses=ERRORS)
async def get(thread_id: ThreadIdPath, owner: OwnerDep, service: ChatServiceDep) -> Thread:
    return await get_thread(service, thread_id, owner)


@router.delete("/threads/{thread_id}", status_code=204, responses=ERRORS)
async def delete(thread_id: ThreadIdPath, owner: OwnerDep, service: ChatServiceDep) -> Response:
    await service.delete(owner, thread_id)
    return Response(status_code=204)


@router.get("/threads/{thread_id}/state", response_model=ThreadState, responses=ERRORS)
async def state(thread_id: ThreadIdPath, owner: OwnerDep, service: ChatServiceDep) -> ThreadState:
    await require_own_thread(service.checkpointer, thread_id, owner)
    return await thread_state(service.graph, thread_id, owner)


@router.post("/threads/{thread_id}/history", response_model=list[ThreadState], responses=ERRORS)
async def history(
    thread_id: ThreadIdPath, body: HistoryRequest, owner: OwnerDep, service: ChatServiceDep
) -> list[ThreadState]:
    await require_own_thread(service.checkpointer, thread_id, owner)
    return await thread_states(service.graph, thread_id, owner, body.limit)


async def _start(service: ChatService, owner: str, thread_id: str, body: RunCreate) -> ChatRun:
    _require_assistant(body.assistant_id)
    exists = await thread_exists_for(service.checkpointer, thread_id, owner)
    if not exists and body.if_not_exists != "create":
        raise ApiError(404, "not_found", "no such thread (if_not_exists: create makes one)")
    message = body.input.messages[0]
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
    "/threads/{thread_id}/runs/stream",
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
        drain_s=settings.shutdown_drain_s,
        run_id=run.run_id,
        send_end=False,
        headers=_location(run),
        ping=settings.sse_ping_s,
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


@router.post("/threads/{thread_id}/runs/wait", response_model=Json, responses=ERRORS)
async def wait_run(
    thread_id: ThreadIdPath,
    body: RunCreate,
    request: Request,
    owner: OwnerDep,
    service: ChatServiceDep,
) -> JSONResponse:
    run = await _start(service, owner, thread_id, body.model_copy(update={"stream_mode": []}))
    watcher = asyncio.create_task(cancel_on_disconnect(request, run.handle))
    try:
        outcome = await _outcome(run, owner)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    return JSONResponse(outcome, headers=_location(run))


@router.get("/threads/{thread_id}/runs/{run_id}", response_model=Run, responses=ERRORS)
async def get_one_run(
    thread_id: ThreadIdPath, run_id: RunIdPath, owner: OwnerDep, service: ChatServiceDep
) -> Run:
    return await get_run(service, thread_id, run_id, owner)


async def _finished(service: ChatService, thread_id: str, run_id: str, owner: str) -> Json:
    """Wait for the run (when this process is running it), then answer the thread's values."""
    run = await get_run(service, thread_id, run_id, owner)  # 404 for unknown / others' runs
    handle = service.runs.get(thread_id)
    if run.status == "running" and handle is not None and handle.task is not None:
        await asyncio.shield(handle.task)
    return await thread_values(service.graph, thread_id, owner)


@router.get("/threads/{thread_id}/runs/{run_id}/join", response_model=Json, responses=ERRORS)
async def join_run(
    thread_id: ThreadIdPath, run_id: RunIdPath, owner: OwnerDep, service: ChatServiceDep
) -> Json:
    return await _finished(service, thread_id, run_id, owner)


@router.post(
    "/threads/{thread_id}/runs/{run_id}/cancel",
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
