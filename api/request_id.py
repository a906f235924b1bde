"""A request id on every request and log line (asgi-correlation-id).

Clients may send `X-Request-ID` (a UUID); otherwise one is made. It comes back in the response
header, so a user can quote it and we can grep the logs; api/observability/logs.py puts it on
every log line. Log lines never carry API keys: nothing logs headers, and uvicorn's access log
prints only method, path and status.
"""

from __future__ import annotations

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

HEADER = "X-Request-ID"


def install_request_id(app: FastAPI) -> None:
    app.add_middleware(CorrelationIdMiddleware, header_name=HEADER, update_request_header=True)
