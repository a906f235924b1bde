"""The FastAPI application: thin routes over a graph and a checkpointer built once at start-up."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import httpx
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from api.auth import AuthFailureLimiter, check_auth_configured
from api.chat_service import ChatService
from api.checkpointer import checkpointer_kind, open_checkpointer
from api.cors import install_cors
from api.errors import install_error_handlers
from api.http_limits import RequestShapeLimitMiddleware
from api.leases import open_leases
from api.limits import BodySizeLimitMiddleware, RateLimiter
from api.loopback_guard import LoopbackOnlyMiddleware
from api.observability.metrics import install_metrics
from api.observability.shutdown import ShutdownNotice
from api.request_id import install_request_id
from api.routes import chat, health, info, langgraph_api, langgraph_runs, page, threads
from api.routes.page import STATIC_DIR
from api.run_journal import journal_for
from api.run_recovery import recover_interrupted_runs
from config.settings import Settings
from graph.builder import build_graph

log = logging.getLogger(__name__)

DESCRIPTION = """A multi-agent travel assistant with a LoRA dermatology expert.

Authenticate with `Authorization: Bearer <key>` (keys from `TG_API_KEYS`). Every error has the
shape `{"error": {"type", "message"}}`; every response carries `X-Request-ID`."""


def create_app(settings: Settings) -> FastAPI:
    check_auth_configured(settings)  # refuse to start with no way in, or open to everyone

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            checkpointer = await stack.enter_async_context(open_checkpointer(settings))
            leases = await stack.enter_async_context(open_leases(settings))
            app.state.llm_http = await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=settings.llm.openai_api_base,
                    headers={
                        "Authorization": f"Bearer {settings.llm.openai_api_key.get_secret_value()}"
                    },
                )
            )
            graph = build_graph(settings, checkpointer=checkpointer)
            journal = journal_for(checkpointer)
            await journal.setup()
            await recover_interrupted_runs(graph, journal, leases)
            service = ChatService(settings, graph, checkpointer, journal, leases)
            app.state.settings = settings
            app.state.checkpointer = checkpointer
            app.state.graph = graph
            app.state.journal = journal
            app.state.chat_service = service
            app.state.runs = service.runs  # read by GET /threads/{id} and the run status
            app.state.slots = service.slots
            app.state.rate_limiter = RateLimiter(settings.api.rate_limit_per_minute)
            app.state.auth_failures = AuthFailureLimiter(settings.api.auth_failures_per_minute)
            log.info(
                "Trip Genius API ready; model server at %s; threads in %s; %s",
                settings.llm.openai_api_base,
                checkpointer_kind(settings),
                "DEV MODE (no key needed from loopback)" if settings.api.dev_mode else "API keys",
            )
            yield

    app = FastAPI(
        title="Trip Genius (旅小智) API",
        version="0.2.0",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.shutdown_notice = ShutdownNotice()  # set by api.server on SIGTERM
    install_error_handlers(app)
    install_metrics(app, settings)  # issue 7: Prometheus GET /metrics; issue 12: keyed
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(
        RequestShapeLimitMiddleware,
        max_headers=settings.api.max_header_count,
        body_timeout_s=settings.api.body_timeout_s,
    )
    if settings.api.dev_mode:
        app.add_middleware(LoopbackOnlyMiddleware)  # issue 12: no DNS-rebinding page gets in
    install_request_id(app)  # every response, even 413, carries the request id
    install_cors(app, settings)  # outermost: a page elsewhere can read every answer, even 413
    app.include_router(health.router)
    app.include_router(chat.router)
    app.include_router(threads.router)
    app.include_router(langgraph_api.router)
    app.include_router(langgraph_runs.router)
    app.include_router(info.router)
    app.include_router(page.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
