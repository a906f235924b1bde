"""The LangGraph Server API (the part langgraph-sdk and agent-chat-ui use), under /langgraph.

`get_client(url=f"{API}/langgraph")` drives the production service: the same ChatService as
/chat admits every run (keys and owners, reply slots, thread leases, 409 on a busy thread,
cancel on disconnect) on the same durable threads. It has a prefix because two of its paths
would collide with ours (GET /threads/{id}, GET /threads/{id}/runs/{run_id} answer other
bodies). What is not served: docs/langgraph_api.md.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import APIRouter, Response

from api.deps import ChatServiceDep, OwnerDep, ThreadIdPath
from api.errors import ApiError
from api.langgraph_schemas import (
    GRAPH_ID,
    Assistant,
    AssistantSearch,
    HistoryRequest,
    Json,
    ServerInfo,
    Thread,
    ThreadCreate,
    ThreadSearch,
    ThreadState,
)
from api.langgraph_threads import (
    THREAD_METADATA,
    check_metadata,
    create_thread,
    get_thread,
    search_threads,
    thread_exists_for,
    thread_state,
    thread_states,
    thread_values,
)
from api.routes.info import package_versions
from api.schemas import ErrorBody
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


def require_assistant(assistant_id: str) -> None:
    if assistant_id not in (GRAPH_ID,):
        raise ApiError(404, "not_found", f"no such assistant (this server has {GRAPH_ID!r})")


def _matches(wanted: Json | None, have: Json) -> bool:
    return all(have.get(k) == v for k, v in (wanted or {}).items())


@router.get("/info", response_model=ServerInfo, responses=ERRORS)
async def server_info(owner: OwnerDep) -> ServerInfo:
    """Keyed like every other path: versions are for callers, not for anyone who asks."""
    versions = package_versions()
    return ServerInfo(version=versions["trip-genius"], langgraph_py_version=versions["langgraph"])


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
    require_assistant(assistant_id)
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
