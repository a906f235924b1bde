"""The run's journal row and the user message reach SQLite in one commit (one fsync before the
graph instead of two), and the row is never durable without the message's write having run."""

from __future__ import annotations

import sqlite3
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.base import empty_checkpoint
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from api.run_journal import SqliteRunJournal


def rows_seen_elsewhere(db: Path) -> tuple[int, int]:
    """(journal rows, checkpoints) as another connection (another process) sees them."""
    with sqlite3.connect(db) as other:
        runs = other.execute("SELECT count(*) FROM tg_runs").fetchone()[0]
        checkpoints = other.execute("SELECT count(*) FROM checkpoints").fetchone()[0]
    return runs, checkpoints


async def put_message(saver: AsyncSqliteSaver, thread_id: str) -> None:
    """What the user message's `aupdate_state` does to the database: the saver's own put."""
    config: Any = {"configurable": {"thread_id": thread_id, "checkpoint_ns": ""}}
    await saver.aput(config, empty_checkpoint(), {"source": "update", "step": -1}, {})


async def counted_journal(db: Path, stack: Any) -> tuple[AsyncSqliteSaver, SqliteRunJournal, list]:
    saver = await stack.enter_async_context(AsyncSqliteSaver.from_conn_string(str(db)))
    await saver.setup()
    journal = SqliteRunJournal(saver)
    await journal.setup()
    commits: list[int] = []
    commit = saver.conn.commit

    async def counting() -> None:
        commits.append(1)
        await commit()

    saver.conn.commit = counting  # type: ignore[method-assign]
    return saver, journal, commits


async def test_row_and_message_are_one_commit(tmp_path: Path) -> None:
    db = tmp_path / "threads.sqlite"
    async with AsyncExitStack() as stack:
        saver, journal, commits = await counted_journal(db, stack)
        seen_before_the_message: list[tuple[int, int]] = []

        async def write() -> None:
            seen_before_the_message.append(rows_seen_elsewhere(db))
            await put_message(saver, "t1")

        await journal.opened_with("r1", "t1", "alice", write)
        assert seen_before_the_message == [(0, 0)]  # a crash here leaves neither
        assert rows_seen_elsewhere(db) == (1, 1)  # both durable once it returns
        assert len(commits) == 1
        assert [r.run_id for r in await journal.left_open()] == ["r1"]


async def test_a_failed_message_write_still_commits_the_row(tmp_path: Path) -> None:
    """As before the change: the row is durable, and the run's clean-up removes it."""
    db = tmp_path / "threads.sqlite"
    async with AsyncExitStack() as stack:
        _, journal, _ = await counted_journal(db, stack)

        async def write() -> None:
            raise OSError("disk gone")

        with pytest.raises(OSError, match="disk gone"):
            await journal.opened_with("r1", "t1", "alice", write)
        assert rows_seen_elsewhere(db) == (1, 0)
        await journal.closed("r1")
        assert rows_seen_elsewhere(db) == (0, 0)
