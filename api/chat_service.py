"""Admission and clean-up of every run, in one place for /chat and the LangGraph Server API.

A run holds three things while it answers: its entry in this process's run registry (a second
message on the thread gets 409, /cancel finds it), a reply slot (per owner and in all), and the
thread's lease (across processes on one PostgreSQL database). They are taken on one
`AsyncExitStack`: if taking one fails the others are given back at once, and once all are held
the stack passes to the run, which closes it when it ends (before its `end` event), whatever
ends it. Routes only ask for a run and read its events.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from contextlib import AsyncExitStack
from typing import Any

from langchain_core.messages import BaseMessage
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph

from api.errors import ApiError
from api.leases import ThreadLeases
from api.limits import StreamSlots
from api.run_journal import RunJournal
from api.runs import RunHandle, RunRegistry, thread_busy
from api.streaming import CHAT_MODES, STORE_FAILED, ChatRun, message_payload
from api.thread_store import require_own_thread, thread_owner
from config.settings import Settings


class ChatService:
    """Built once in the app's lifespan; every run starts, is cancelled and is deleted here."""

    def __init__(
        self,
        settings: Settings,
        graph: CompiledStateGraph,
        checkpointer: BaseCheckpointSaver,
        journal: RunJournal,
        leases: ThreadLeases,
    ) -> None:
        self.settings = settings
        self.graph = graph
        self.checkpointer = checkpointer
        self.journal = journal
        self.leases = leases
        self.runs = RunRegistry()
        self.slots = StreamSlots(
            settings.api.max_concurrent_streams,
            settings.api.retry_after_s,
            per_owner=settings.api.max_streams_per_owner,
        )

    def check_message(self, message: str) -> None:
        if len(message) > self.settings.api.max_message_chars:
            raise ApiError(
                422,
                "validation_error",
                f"message: at most {self.settings.api.max_message_chars} characters",
            )

    async def start(
        self,
        owner: str,
        message: str,
        thread_id: str | None = None,
        *,
        modes: frozenset[str] = CHAT_MODES,
        message_format: Callable[[BaseMessage], dict[str, Any]] = message_payload,
        message_id: str | None = None,
    ) -> ChatRun:
        """Admit a run and start it: 422 (too long), 404 (another owner's thread), 409 (the
        thread is answering, here or in another process), 429/503 (too many replies), 503
        (the turn could not be saved). It returns once the turn is durable in the thread."""
        self.check_message(message)
        if thread_id is None:
            thread_id = str(uuid.uuid4())
        elif await thread_owner(self.checkpointer, thread_id) not in (None, owner):
            raise ApiError(404, "not_found", "no such thread")
        handle = self.runs.start(thread_id, str(uuid.uuid4()), owner)  # 409 if answering here
        async with AsyncExitStack() as stack:
            stack.callback(self.runs.finish, handle)
            self.slots.acquire(owner)
            stack.callback(self.slots.release, owner)
            lease = await self.leases.acquire(thread_id)
            if lease is None:
                raise thread_busy()
            stack.push_async_callback(lease.release)
            held = stack.pop_all()  # from here on the run gives them back when it ends
        run = ChatRun(
            self.graph,
            handle,
            message=message,
            timeout_s=self.settings.api.run_timeout_s,
            journal=self.journal,
            on_finish=held.aclose,
            modes=modes,
            message_format=message_format,
            message_id=message_id,
        )
        run.start()
        if await asyncio.shield(run.began) == STORE_FAILED:
            # Said before any 200: the client knows to retry, and the thread is free again
            # (the run has given back what it held) when it does.
            if run.handle.task is not None:
                await asyncio.wait([run.handle.task])
            raise ApiError(
                503, *STORE_FAILED, {"Retry-After": str(self.settings.api.retry_after_s)}
            )
        return run

    async def cancel(self, owner: str, thread_id: str, run_id: str | None = None) -> RunHandle:
        """Stop the reply being generated on this thread (by this process). A cancel that finds
        nothing running only looks at the lease: taking it, even for a moment, would turn a
        message sent in that moment into a 409."""
        handle = self.runs.get(thread_id)
        if handle is None or handle.owner != owner or run_id not in (None, handle.run_id):
            await require_own_thread(self.checkpointer, thread_id, owner)
            if (handle is None or handle.owner != owner) and await self.leases.held(thread_id):
                raise ApiError(
                    409,
                    "running_elsewhere",
                    "another API process is generating this reply; cancel reaches only the "
                    "process that serves it (route requests by thread id)",
                )
            raise ApiError(409, "not_running", "no reply is being generated on this thread")
        handle.cancel("cancelled by the caller")
        return handle

    async def delete(self, owner: str, thread_id: str) -> None:
        """Delete a thread that is not answering (409 while it is, here or elsewhere)."""
        await require_own_thread(self.checkpointer, thread_id, owner)
        lease = None if self.runs.get(thread_id) else await self.leases.acquire(thread_id)
        if lease is None:
            raise ApiError(409, "thread_busy", "the thread is answering; cancel it first")
        try:
            await self.checkpointer.adelete_thread(thread_id)
            await self.journal.forget_thread(thread_id)
        finally:
            await lease.release()
