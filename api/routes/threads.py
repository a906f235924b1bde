"""The caller's threads: list, read the history, delete, cancel a running reply."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api.deps import (
    ChatServiceDep,
    CheckpointerDep,
    GraphDep,
    JournalDep,
    OwnerDep,
    RunsDep,
    SettingsDep,
    ThreadIdPath,
)
from api.errors import ApiError
from api.schemas import (
    THREAD_ID_PATTERN,
    CancelReply,
    ErrorBody,
    RunStatus,
    ThreadHistory,
    ThreadList,
)
from api.thread_store import list_threads, require_own_thread, run_recorded, thread_history

router = APIRouter(prefix="/threads", tags=["threads"])

ERRORS: dict[int | str, dict] = {
    401: {"model": ErrorBody, "description": "Missing or invalid API key"},
    404: {"model": ErrorBody, "description": "No such thread (or another caller's)"},
    429: {"model": ErrorBody, "description": "Rate limit per API key; see Retry-After"},
}


@router.get("", response_model=ThreadList, responses=ERRORS)
async def get_threads(owner: OwnerDep, checkpointer: CheckpointerDep) -> ThreadList:
    return ThreadList(threads=await list_threads(checkpointer, owner))


@router.get("/{thread_id}", response_model=ThreadHistory, responses=ERRORS)
async def get_thread(
    thread_id: ThreadIdPath,
    owner: OwnerDep,
    checkpointer: CheckpointerDep,
    graph: GraphDep,
    runs: RunsDep,
    settings: SettingsDep,
) -> ThreadHistory:
    await require_own_thread(checkpointer, thread_id, owner)
    return ThreadHistory(
        thread_id=thread_id,
        running=runs.get(thread_id) is not None,
        messages=await thread_history(graph, thread_id, owner, settings),
    )


@router.get("/{thread_id}/runs/{run_id}", response_model=RunStatus, responses=ERRORS)
async def get_run(
    thread_id: ThreadIdPath,
    run_id: Annotated[str, Path(min_length=1, max_length=64, pattern=THREAD_ID_PATTERN)],
    owner: OwnerDep,
    checkpointer: CheckpointerDep,
    runs: RunsDep,
    journal: JournalDep,
) -> RunStatus:
    await require_own_thread(checkpointer, thread_id, owner)
    handle = runs.get(thread_id)
    if handle is not None and handle.run_id == run_id:
        return RunStatus(thread_id=thread_id, run_id=run_id, status="running")
    if await journal.status(thread_id, run_id) == "interrupted":
        return RunStatus(thread_id=thread_id, run_id=run_id, status="interrupted")
    if await run_recorded(checkpointer, thread_id, run_id):
        return RunStatus(thread_id=thread_id, run_id=run_id, status="finished")
    raise ApiError(404, "not_found", "no such run on this thread")


@router.delete(
    "/{thread_id}",
    status_code=204,
    responses={**ERRORS, 409: {"model": ErrorBody, "description": "The thread is answering"}},
)
async def delete_thread(
    thread_id: ThreadIdPath, owner: OwnerDep, service: ChatServiceDep
) -> Response:
    await service.delete(owner, thread_id)
    return Response(status_code=204)


@router.post(
    "/{thread_id}/cancel",
    status_code=202,
    response_model=CancelReply,
    responses={**ERRORS, 409: {"model": ErrorBody, "description": "Nothing is running here"}},
)
async def cancel_thread(
    thread_id: ThreadIdPath, owner: OwnerDep, service: ChatServiceDep
) -> CancelReply:
    """Stop the reply being generated on this thread (served by this process): its stream
    gets `error` {error: cancelled} then `end`, and the partial answer is kept, marked
    incomplete."""
    handle = await service.cancel(owner, thread_id)
    return CancelReply(thread_id=thread_id, run_id=handle.run_id)
