"""A request id on every request and log line (asgi-correlation-id), and a log format for it.

Clients may send `X-Request-ID`; otherwise one is made. It comes back in the response header, so
a user can quote it and we can grep the logs. Log lines never carry API keys: nothing logs
headers, and uvicorn's access log prints only method, path and status.
"""

from __future__ import annotations

import logging

from asgi_correlation_id import CorrelationIdFilter, CorrelationIdMiddleware
from fastapi import FastAPI

HEADER = "X-Request-ID"
LOG_FORMAT = "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"


def install_request_id(app: FastAPI) -> None:
    app.add_middleware(CorrelationIdMiddleware, header_name=HEADER, update_request_header=True)


def configure_logging(level: int = logging.INFO) -> None:
    """Root logging with the request id on each line; uvicorn's loggers propagate to it."""
    handler = logging.StreamHandler()
    handler.addFilter(CorrelationIdFilter(uuid_length=32, default_value="-"))
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
