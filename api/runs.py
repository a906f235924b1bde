"""Which threads are answering right now, so a second message gets 409 and /cancel can stop one.

Guarantee (stated honestly): the registry is per API process. One process never interleaves two
replies on a thread. Two processes sharing a database (PostgreSQL behind a load balancer) do not
see each other's running replies; use sticky routing by thread id if that matters, or serve a
thread from one process at a time (as the alternating-processes test does).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from api.errors import ApiError


@dataclass
class RunHandle:
    thread_id: str
    run_id: str
    owner: str
    task: asyncio.Task[None] | None = None
    cancel_reason: str | None = field(default=None)

    def cancel(self, reason: str) -> None:
        """Stop the graph run (and with it the model request); first reason wins."""
        if self.cancel_reason is None:
            self.cancel_reason = reason
        if self.task is not None and not self.task.done():
            self.task.cancel()


class RunRegistry:
    def __init__(self) -> None:
        self._running: dict[str, RunHandle] = {}

    def start(self, thread_id: str, run_id: str, owner: str) -> RunHandle:
        if thread_id in self._running:
            raise ApiError(
                409,
                "thread_busy",
                "this thread is still answering the previous message; wait for its `end` "
                "event or POST /threads/{thread_id}/cancel",
            )
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
