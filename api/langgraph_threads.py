"""Our threads as the LangGraph Server API shows them: Thread, ThreadState, Run.

The same checkpoints /threads serves (owner in each checkpoint's metadata, SQLite or
PostgreSQL); a thread created before its first message is an empty checkpoint with its owner.
Messages are full LangChain message dicts.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver, empty_checkpoint
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import StateSnapshot

from api.chat_service import ChatService
from api.errors import ApiError
from api.langgraph_schemas import GRAPH_ID, CheckpointRef, Json, Run, Thread, ThreadState
from api.streaming import thread_config
from api.thread_store import list_threads, require_own_thread, thread_owner

THREAD_METADATA: Json = {"graph_id": GRAPH_ID, "assistant_id": GRAPH_ID}


def _default(obj: Any) -> Any:
    if hasattr(obj, "model_dump") and not isinstance(obj, type):
        return obj.model_dump()  # LangChain messages and our pydantic events
    if isinstance(obj, set | frozenset | tuple):
        return list(obj)
    if isinstance(obj, datetime):
        return obj.isoformat()
    return str(obj)


def dumps(data: Any) -> str:
    return json.dumps(data, default=_default, ensure_ascii=False)


def jsonable(data: Any) -> Any:
    return json.loads(dumps(data))


def _ts(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def check_metadata(metadata: Json | None) -> None:
    """Thread metadata is fixed (we keep none of our own): refuse what would be lost."""
    for key, value in (metadata or {}).items():
        if THREAD_METADATA.get(key) != value:
            raise ApiError(
                422,
                "validation_error",
                f"metadata.{key}: thread metadata is not stored; only graph_id/assistant_id "
                f"= {GRAPH_ID!r} are accepted",
            )


async def create_thread(checkpointer: BaseCheckpointSaver, thread_id: str, owner: str) -> None:
    config: RunnableConfig = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    metadata: Any = {"owner": owner, "source": "input", "step": -1, "parents": {}}
    await checkpointer.aput(config, empty_checkpoint(), metadata, {})


async def thread_exists_for(checkpointer: BaseCheckpointSaver, thread_id: str, owner: str) -> bool:
    """True for the owner's thread, False for none; another owner's answers 404."""
    existing = await thread_owner(checkpointer, thread_id)
    if existing is not None and existing != owner:
        raise ApiError(404, "not_found", "no such thread")
    return existing is not None


async def _span(
    checkpointer: BaseCheckpointSaver, thread_id: str, run_id: str | None = None
) -> tuple[datetime | None, datetime | None]:
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    stamps = [
        str(c.checkpoint["ts"])
        async for c in checkpointer.alist(config, filter={"run_id": run_id} if run_id else None)
    ]
    return (_ts(min(stamps)), _ts(max(stamps))) if stamps else (None, None)


async def thread_values(graph: CompiledStateGraph, thread_id: str, owner: str) -> Json:
    state = await graph.aget_state(thread_config(thread_id, owner))
    return jsonable(state.values or {})


async def is_busy(service: ChatService, thread_id: str) -> bool:
    """Answering here, or (PostgreSQL) in another API process, which holds the thread's lease."""
    return service.runs.get(thread_id) is not None or await service.leases.held(thread_id)


async def get_thread(service: ChatService, thread_id: str, owner: str) -> Thread:
    await require_own_thread(service.checkpointer, thread_id, owner)
    created, updated = await _span(service.checkpointer, thread_id)
    return Thread(
        thread_id=thread_id,
        created_at=created,
        updated_at=updated,
        metadata=THREAD_METADATA,
        status="busy" if await is_busy(service, thread_id) else "idle",
        values=await thread_values(service.graph, thread_id, owner),
    )


async def search_threads(service: ChatService, owner: str) -> list[Thread]:
    """The owner's threads, newest first (values read for the page only, by the caller)."""
    return [
        Thread(
            thread_id=s.thread_id,
            created_at=s.created_at,
            updated_at=s.updated_at,
            metadata=THREAD_METADATA,
            status="busy" if await is_busy(service, s.thread_id) else "idle",
            values={},
        )
        for s in await list_threads(service.checkpointer, owner)
    ]


def _ref(config: RunnableConfig | None) -> CheckpointRef | None:
    if config is None:
        return None
    c = config.get("configurable", {})
    return CheckpointRef(
        thread_id=str(c.get("thread_id")),
        checkpoint_ns=str(c.get("checkpoint_ns", "")),
        checkpoint_id=c.get("checkpoint_id"),
    )


def to_state(snapshot: StateSnapshot, thread_id: str) -> ThreadState:
    metadata = {k: v for k, v in (snapshot.metadata or {}).items() if k != "owner"}
    return ThreadState(
        values=jsonable(snapshot.values or {}),
        next=list(snapshot.next),
        checkpoint=_ref(snapshot.config) or CheckpointRef(thread_id=thread_id, checkpoint_id=None),
        metadata=jsonable(metadata),
        created_at=snapshot.created_at,
        parent_checkpoint=_ref(snapshot.parent_config),
    )


async def thread_state(graph: CompiledStateGraph, thread_id: str, owner: str) -> ThreadState:
    return to_state(await graph.aget_state(thread_config(thread_id, owner)), thread_id)


async def require_latest_checkpoint(
    graph: CompiledStateGraph, thread_id: str, owner: str, checkpoint_id: str
) -> None:
    """A run continues its thread. Naming the thread's head is that (useStream sends it with
    every turn); naming an earlier checkpoint would fork the thread, which is not served."""
    latest = (await thread_state(graph, thread_id, owner)).checkpoint.checkpoint_id
    if checkpoint_id != latest:
        raise ApiError(
            422,
            "validation_error",
            "checkpoint: not the thread's latest checkpoint; runs continue a thread from its "
            "head, starting from an earlier checkpoint (edit, regenerate) is not served",
        )


async def thread_states(
    graph: CompiledStateGraph, thread_id: str, owner: str, limit: int
) -> list[ThreadState]:
    config = thread_config(thread_id, owner)
    return [to_state(s, thread_id) async for s in graph.aget_state_history(config, limit=limit)]


async def get_run(service: ChatService, thread_id: str, run_id: str, owner: str) -> Run:
    await require_own_thread(service.checkpointer, thread_id, owner)
    handle = service.runs.get(thread_id)
    if handle is not None and handle.run_id == run_id:
        return Run(
            run_id=run_id,
            thread_id=thread_id,
            created_at=handle.created_at,
            updated_at=handle.created_at,
            status="running",
        )
    created, updated = await _span(service.checkpointer, thread_id, run_id)
    journaled = await service.journal.status(thread_id, run_id)
    if journaled == "open" and await service.leases.held(thread_id):
        # another API process on the same PostgreSQL is running it (its journal row is open
        # and it holds the thread's lease; a dead process holds no lease)
        return Run(
            run_id=run_id,
            thread_id=thread_id,
            created_at=created,
            updated_at=updated,
            status="running",
        )
    interrupted = journaled == "interrupted"
    if created is None and not interrupted:
        raise ApiError(404, "not_found", "no such run on this thread")
    return Run(
        run_id=run_id,
        thread_id=thread_id,
        created_at=created,
        updated_at=updated,
        status="interrupted" if interrupted else "success",
    )
