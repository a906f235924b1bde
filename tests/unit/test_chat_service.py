"""ChatService gives back what a refused run took: its registry entry and its reply slot, when
the thread lease is refused (another process answers: 409) or cannot be taken at all; and a
cancel that finds nothing running only looks at the lease."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from api.chat_service import ChatService
from api.errors import ApiError
from api.langgraph_threads import create_thread
from api.leases import Lease
from tests.unit.conftest import keyed


class RefusingLeases:
    def __init__(self, failure: Exception | None) -> None:
        self.failure = failure
        self.looked = 0
        self.taken = 0

    async def acquire(self, thread_id: str) -> Lease | None:
        self.taken += 1
        if self.failure is not None:
            raise self.failure
        return None  # another process holds it

    async def held(self, thread_id: str) -> bool:
        self.looked += 1
        return True


def service(tmp_path: Path, leases: Any, checkpointer: Any = None) -> ChatService:
    nothing: Any = None  # a refused run never reaches the graph or the journal
    return ChatService(keyed(tmp_path), nothing, checkpointer, nothing, leases)


@pytest.mark.parametrize("failure", [None, ConnectionError("database gone")])
def test_a_refused_lease_gives_back_the_slot_and_the_thread(
    tmp_path: Path, failure: Exception | None
) -> None:
    chat = service(tmp_path, RefusingLeases(failure))

    async def attempt() -> None:
        await chat.start("alice", "第二天想去逛街购物，杭州")

    if failure is None:
        with pytest.raises(ApiError) as refused:
            asyncio.run(attempt())
        assert (refused.value.status, refused.value.type) == (409, "thread_busy")
    else:
        with pytest.raises(ConnectionError):
            asyncio.run(attempt())
    assert chat.slots.in_use == 0
    assert chat.slots.by_owner == {}
    assert len(chat.runs) == 0


def test_a_full_house_gives_back_the_thread(tmp_path: Path) -> None:
    chat = service(tmp_path, RefusingLeases(None))
    chat.slots.in_use = chat.slots.limit  # every reply slot taken
    with pytest.raises(ApiError) as refused:
        asyncio.run(chat.start("alice", "第二天想去逛街购物，杭州"))
    assert refused.value.status == 503
    assert len(chat.runs) == 0


def test_a_cancel_with_nothing_running_here_only_looks_at_the_lease(tmp_path: Path) -> None:
    leases = RefusingLeases(None)
    saver = InMemorySaver()
    chat = service(tmp_path, leases, saver)

    async def cancel() -> None:
        await create_thread(saver, "t-1", "alice")
        await chat.cancel("alice", "t-1")

    with pytest.raises(ApiError) as refused:
        asyncio.run(cancel())
    assert (refused.value.status, refused.value.type) == (409, "running_elsewhere")
    assert (leases.looked, leases.taken) == (1, 0)
