"""Which threads this process is answering, so a second message gets 409 and /cancel can stop one.

The registry is per process; across processes on one PostgreSQL database the thread lease
(api/leases.py) gives the same 409. Cancel acts on the process that generates the reply.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime

from api.errors import ApiError


@dataclass
class RunHandle:
    thread_id: str
    run_id: str
    owner: str
    task: asyncio.Task[None] | None = None
    cancel_reason: str | None = field(default=None)
    started: bool = False  # the run's task is inside its clean-up (try/finally)
    finishing: bool = False  # the run is over and releasing its lease: nothing left to cancel
    stopping: bool = False  # its task was cancelled once and is cleaning up
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def cancel(self, reason: str) -> None:
        """Stop the graph run (and with it the model request); first reason wins.

        A task cancelled before its first step never runs its `finally` (no `end`, no release
        of the thread and slot): until it has started, the reason alone is noted and the run
        checks it before the graph begins. The task is cancelled once only: a second request
        (POST /cancel, then the client hanging up) must not interrupt the clean-up that keeps
        the partial answer."""
        if self.finishing or self.stopping:
            return
        if self.cancel_reason is None:
            self.cancel_reason = reason
        if self.started and self.task is not None and not self.task.done():
            self.stopping = True
            self.task.cancel()


def thread_busy() -> ApiError:
    return ApiError(
        409,
        "thread_busy",
        "this thread is still answering the previous message; wait for its `end` event or "
        "POST /threads/{thread_id}/cancel",
    )


class RunRegistry:
    def __init__(self) -> None:
        self._running: dict[str, RunHandle] = {}

    def start(self, thread_id: str, run_id: str, owner: str) -> RunHandle:
        if thread_id in self._running:
            raise thread_busy()
        handle = RunHandle(thread_id, run_id, owner)
        self._running[thread_id] = handle
        return handle

    def finish(self, handle: RunHandle) -> None:
        if self._running.get(handle.thread_id) is handle:
            del self._running[handle.thread_id]

    def get(self, thread_id: str) -> RunHandle | None:
        return self._running.get(thread_id)

    def __len__(self) -> int:
        return len(self._running)
