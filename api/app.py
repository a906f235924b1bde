"""The FastAPI application: thin routes over a graph built once at start-up."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from api.errors import install_error_handlers
from api.observability.metrics import install_metrics
from api.routes import chat, health
from config.settings import Settings
from graph.builder import build_graph

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settings.checkpoint_db.parent.mkdir(parents=True, exist_ok=True)
        async with (
            AsyncSqliteSaver.from_conn_string(str(settings.checkpoint_db)) as checkpointer,
            httpx.AsyncClient(
                base_url=settings.openai_api_base,
                headers={"Authorization": f"Bearer {settings.openai_api_key.get_secret_value()}"},
            ) as llm_http,
        ):
            await checkpointer.setup()
            app.state.settings = settings
            app.state.llm_http = llm_http
            app.state.graph = build_graph(settings, checkpointer=checkpointer)
            log.info("Trip Genius API ready; model server at %s", settings.openai_api_base)
            yield

    app = FastAPI(
        title="Trip Genius (旅小智) API",
        version="0.1.0",
        description="A multi-agent travel assistant with a LoRA dermatology expert.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    install_metrics(app)  # issue 7: Prometheus GET /metrics + request counts
    app.include_router(health.router)
    app.include_router(chat.router)
    return app
