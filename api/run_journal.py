"""Which runs are open, and what they have streamed so far, in the threads' own database.

A process killed mid-reply (kill -9, OOM, power) never reaches the clean-up that keeps a partial
answer. So a run is written here before its graph starts, its streamed text is noted every
`NOTE_EVERY_S`, and the row is removed when the run ends in this process. Whatever is still open
at start-up was left by a crash: `recover_interrupted_runs` writes its streamed part into the
thread marked `incomplete` and keeps the row as `interrupted`, so GET /threads/{t}/runs/{r}
says so instead of `finished`.

One small table (`tg_runs`) beside the checkpoints, on the saver's own connection: SQLite or
PostgreSQL, the same SQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from psycopg_pool import AsyncConnectionPool

log = logging.getLogger(__name__)

NOTE_EVERY_S = 1.0
SETUP_LOCK_KEY = 0x7467_7275  # "tgru": one process creates the table at a time
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS tg_runs (run_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, "
    "owner TEXT NOT NULL, status TEXT NOT NULL, partials TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS tg_runs_thread ON tg_runs (thread_id)",
)

OPEN_SQL = "INSERT INTO tg_runs VALUES (?, ?, ?, 'open', '[]', ?)"
Partial = dict[str, Any]  # node, expert, model, message_id, text


@dataclass(frozen=True)
class OpenRun:
    run_id: str
    thread_id: str
    owner: str
    partials: list[Partial]


def _now() -> str:
    return datetime.now(UTC).isoformat()


class RunJournal:
    """The SQL is shared; the two savers differ only in how a statement reaches the database."""

    async def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    async def setup(self) -> None:
        for statement in SCHEMA:
            await self._execute(statement)

    async def opened(self, run_id: str, thread_id: str, owner: str) -> None:
        await self._execute(OPEN_SQL, (run_id, thread_id, owner, _now()))

    async def opened_with(
        self, run_id: str, thread_id: str, owner: str, write: Callable[[], Awaitable[None]]
    ) -> None:
        """The run's row, then `write` (the user message): the row is durable no later than
        what `write` stores. Here one after the other; SQLite does both in one commit."""
        await self.opened(run_id, thread_id, owner)
        await write()

    async def noted(self, run_id: str, partials: list[Partial]) -> None:
        await self._execute(
            "UPDATE tg_runs SET partials = ?, updated_at = ? WHERE run_id = ? AND status = 'open'",
            (json.dumps(partials, ensure_ascii=False), _now(), run_id),
        )

    async def closed(self, run_id: str) -> None:
        await self._execute("DELETE FROM tg_runs WHERE run_id = ? AND status = 'open'", (run_id,))

    async def left_open(self) -> list[OpenRun]:
        rows = await self._execute(
            "SELECT run_id, thread_id, owner, partials FROM tg_runs WHERE status = 'open'"
        )
        return [OpenRun(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    async def interrupted(self, run_id: str) -> None:
        await self._execute(
            "UPDATE tg_runs SET status = 'interrupted', partials = '[]', updated_at = ? "
            "WHERE run_id = ?",
            (_now(), run_id),
        )

    async def status(self, thread_id: str, run_id: str) -> str | None:
        rows = await self._execute(
            "SELECT status FROM tg_runs WHERE thread_id = ? AND run_id = ?", (thread_id, run_id)
        )
        return str(rows[0][0]) if rows else None

    async def forget_thread(self, thread_id: str) -> None:
        await self._execute("DELETE FROM tg_runs WHERE thread_id = ?", (thread_id,))


class SqliteRunJournal(RunJournal):
    def __init__(self, saver: AsyncSqliteSaver) -> None:
        self.saver = saver

    async def opened_with(
        self, run_id: str, thread_id: str, owner: str, write: Callable[[], Awaitable[None]]
    ) -> None:
        """The row's INSERT is left in the connection's open transaction, and `write` (the
        saver's put, on this same connection, which commits) makes the row and the message
        durable in one commit: one fsync before the graph instead of two, and never a row
        without its message after a crash. Whatever `write` does, the transaction is committed
        before this returns, so the row is as durable as `opened` would have made it."""
        async with self.saver.lock:
            await self.saver.conn.execute(OPEN_SQL, (run_id, thread_id, owner, _now()))
        try:
            await write()
        finally:
            if self.saver.conn.in_transaction:
                async with self.saver.lock:
                    await self.saver.conn.commit()

    async def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        async with self.saver.lock, self.saver.conn.execute(sql, params) as cursor:
            rows = [tuple(r) for r in await cursor.fetchall()]
        await self.saver.conn.commit()
        return rows


class PostgresRunJournal(RunJournal):
    def __init__(self, saver: AsyncPostgresSaver) -> None:
        self.pool = cast(AsyncConnectionPool, saver.conn)  # open_checkpointer gives it a pool

    async def _execute(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        async with self.pool.connection() as conn:
            cursor = await conn.execute(sql.replace("?", "%s"), params)
            if cursor.description is None:
                return []
            rows = await cursor.fetchall()
            return [tuple(r.values()) if isinstance(r, dict) else tuple(r) for r in rows]

    async def setup(self) -> None:
        async with self.pool.connection() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(%s)", (SETUP_LOCK_KEY,))
            for statement in SCHEMA:
                await conn.execute(statement)


def journal_for(saver: BaseCheckpointSaver) -> RunJournal:
    if isinstance(saver, AsyncPostgresSaver):
        return PostgresRunJournal(saver)
    if isinstance(saver, AsyncSqliteSaver):
        return SqliteRunJournal(saver)
    raise TypeError(f"no run journal for {type(saver).__name__}")


@asynccontextmanager
async def noting_progress(
    journal: RunJournal, run_id: str, snapshot: Callable[[], list[Partial]]
) -> AsyncIterator[None]:
    """While the block runs, write the run's streamed text to the journal every NOTE_EVERY_S
    when it changed, so a crash loses at most that much of it."""

    async def note_loop() -> None:
        written: list[Partial] = []
        while True:
            await asyncio.sleep(NOTE_EVERY_S)
            current = snapshot()
            if current != written:
                try:
                    await journal.noted(run_id, current)
                    written = current
                except Exception as exc:  # a missed note costs only crash recovery
                    log.warning("run %s: could not note its progress (%r)", run_id, exc)

    task = asyncio.create_task(note_loop(), name=f"notes-{run_id}")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
