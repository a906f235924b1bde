"""Run the API under uvicorn with our logging and a graceful shutdown that ends streams cleanly.

Used by `python -m api` (containers, `make api`) and `make run`, so both behave alike.
"""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI

from api.observability.logs import configure_logging
from api.observability.shutdown import UVICORN_MARGIN_S
from config.settings import Settings


def serve(app: FastAPI, settings: Settings) -> None:
    configure_logging(settings.log_format, settings.log_level)
    uvicorn.run(
        app,
        host=settings.api_host,
        port=settings.api_port,
        log_config=None,  # keep the handlers configure_logging set (JSON in containers)
        timeout_graceful_shutdown=int(settings.shutdown_drain_s + UVICORN_MARGIN_S),
    )
