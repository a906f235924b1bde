"""Where threads live: a SQLite file by default, PostgreSQL when `store.postgres_url` is set.

With PostgreSQL the API keeps no state of its own between requests, so several API processes can
serve the same threads behind any load balancer.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from psycopg import AsyncConnection
from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from config.settings import Settings

log = logging.getLogger(__name__)

# Serialises schema migrations when several API processes start on one fresh database.
SETUP_LOCK_KEY = 0x7472_6970  # "trip"
POOL_MAX_SIZE = 10


def checkpointer_kind(settings: Settings) -> Literal["sqlite", "postgres"]:
    return "postgres" if settings.store.postgres_url else "sqlite"


@asynccontextmanager
async def open_checkpointer(settings: Settings) -> AsyncIterator[BaseCheckpointSaver]:
    if settings.store.postgres_url is None:
        settings.store.checkpoint_db.parent.mkdir(parents=True, exist_ok=True)
        async with AsyncSqliteSaver.from_conn_string(str(settings.store.checkpoint_db)) as saver:
            await saver.setup()
            log.info("threads in SQLite at %s", settings.store.checkpoint_db)
            yield saver
        return
    url = settings.store.postgres_url.get_secret_value()
    async with await AsyncConnection.connect(url, autocommit=True) as conn:
        await conn.execute("SELECT pg_advisory_lock(%s)", (SETUP_LOCK_KEY,))
        try:
            async with AsyncPostgresSaver.from_conn_string(url) as migrating:
                await migrating.setup()
        finally:
            await conn.execute("SELECT pg_advisory_unlock(%s)", (SETUP_LOCK_KEY,))
    async with AsyncConnectionPool(
        url,
        max_size=POOL_MAX_SIZE,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        open=False,
    ) as pool:
        log.info("threads in PostgreSQL (pool of %d)", POOL_MAX_SIZE)
        yield AsyncPostgresSaver(pool)  # type: ignore[arg-type]
