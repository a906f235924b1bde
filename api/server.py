"""Run the API under uvicorn with our logging and a graceful shutdown that ends streams cleanly.

Used by `python -m api` (containers, `make api`) and `make run`, so both behave alike.
"""

from __future__ import annotations

from types import FrameType

import uvicorn
from fastapi import FastAPI

from api.observability.logs import configure_logging
from api.observability.shutdown import UVICORN_MARGIN_S, ShutdownNotice
from config.settings import Settings


def uvicorn_config(app: FastAPI, settings: Settings, **overrides: object) -> uvicorn.Config:
    options: dict[str, object] = {
        "host": settings.api.host,
        "port": settings.api.port,
        "log_config": None,  # keep the handlers configure_logging set (JSON in containers)
        "timeout_graceful_shutdown": int(settings.api.shutdown_drain_s + UVICORN_MARGIN_S),
        # h11 (not httptools) because it bounds the request line + headers: a 32 MB header
        # got 200 before (issue 12). Header count and slow bodies: api/http_limits.py.
        "http": "h11",
        "h11_max_incomplete_event_size": settings.api.max_header_bytes,
        **overrides,
    }
    return uvicorn.Config(app, **options)  # type: ignore[arg-type]


class NoticingServer(uvicorn.Server):
    """uvicorn's server, telling the app the moment a stop signal arrives (JSON chats drain)."""

    def __init__(self, config: uvicorn.Config, notice: ShutdownNotice) -> None:
        super().__init__(config)
        self.notice = notice

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self.notice.set()


def serve(app: FastAPI, settings: Settings) -> None:
    configure_logging(settings.logging.format, settings.logging.level)
    NoticingServer(uvicorn_config(app, settings), app.state.shutdown_notice).run()
