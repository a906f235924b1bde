"""A lease per answering thread that every API process on the same database respects.

With PostgreSQL, starting a reply takes a session-level advisory lock on the thread (on its own
pooled connection, held until the reply ends): a second process asked to answer the same thread
gets 409 too, and if a process dies mid-reply PostgreSQL drops its locks with its connections.
A SQLite file is served by one process, so there the in-process registry is the whole story.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from config.settings import Settings

LOCK_NAMESPACE = 0x7467  # "tg": first key of pg_advisory_lock(int4, int4)


class Lease(Protocol):
    async def release(self) -> None: ...


class ThreadLeases(Protocol):
    async def acquire(self, thread_id: str) -> Lease | None:
        """A lease, or None when another process is answering this thread."""
        ...

    async def held(self, thread_id: str) -> bool:
        """Whether some process is answering this thread. A look, not a lock: a probe that took
        the lease for a moment would turn a message sent in that moment into a 409."""
        ...


class _NoLease:
    async def release(self) -> None:
        return None


class LocalLeases:
    async def acquire(self, thread_id: str) -> Lease | None:
        return _NoLease()

    async def held(self, thread_id: str) -> bool:
        return False


class _PgLease:
    def __init__(self, pool: AsyncConnectionPool, conn: AsyncConnection, thread_id: str) -> None:
        self.pool, self.conn, self.thread_id = pool, conn, thread_id

    async def release(self) -> None:
        try:
            await self.conn.execute(
                "SELECT pg_advisory_unlock(%s, hashtext(%s))", (LOCK_NAMESPACE, self.thread_id)
            )
        finally:
            await self.pool.putconn(self.conn)


class PostgresLeases:
    def __init__(self, pool: AsyncConnectionPool) -> None:
        self.pool = pool

    async def acquire(self, thread_id: str) -> Lease | None:
        conn = await self.pool.getconn()
        try:
            cur = await conn.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(%s))", (LOCK_NAMESPACE, thread_id)
            )
            row = await cur.fetchone()
        except BaseException:
            await self.pool.putconn(conn)
            raise
        if row is None or not row[0]:
            await self.pool.putconn(conn)
            return None
        return _PgLease(self.pool, conn, thread_id)

    async def held(self, thread_id: str) -> bool:
        # pg_advisory_lock(int4, int4) shows in pg_locks as classid = key1, objid = key2,
        # objsubid = 2; the keys are signed, the columns are oids.
        async with self.pool.connection() as conn:
            cur = await conn.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND classid = %s::int4::oid AND objid = hashtext(%s)::oid AND objsubid = 2 "
                "AND granted)",
                (LOCK_NAMESPACE, thread_id),
            )
            row = await cur.fetchone()
        return bool(row and row[0])


@asynccontextmanager
async def open_leases(settings: Settings) -> AsyncIterator[ThreadLeases]:
    if settings.store.postgres_url is None:
        yield LocalLeases()
        return
    async with AsyncConnectionPool(
        settings.store.postgres_url.get_secret_value(),
        min_size=1,
        max_size=settings.api.max_concurrent_streams + 1,
        kwargs={"autocommit": True},
        open=False,
    ) as pool:
        yield PostgresLeases(pool)
