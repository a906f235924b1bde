"""Process logging: one JSON object per line in containers, plain text in a terminal.

The one place log formatting is decided (`configure_logging`, called by `api.server`). Every log
line carries the request id when the request-id middleware (asgi-correlation-id, issue 5) is
installed: its filter puts `correlation_id` on the record, which the JSON format calls
`request_id`. Uvicorn's own loggers are routed here too, so access lines are JSON as well.
"""

from __future__ import annotations

import logging
import sys
from typing import Literal

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
JSON_FIELDS = ["levelname", "name", "message"]
RENAMED = {"levelname": "level", "name": "logger"}
# `correlation_id` is emitted as `request_id`; uvicorn's ANSI-coloured copy of each message is
# never useful in a log store.
NOT_LOGGED = [*RESERVED_ATTRS, "correlation_id", "color_message"]
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


class RequestIdDefault(logging.Filter):
    """Give every record a `request_id` so the text format never fails, with or without one."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(record, "correlation_id", None) or "-"
        return True


def json_formatter() -> logging.Formatter:
    return JsonFormatter(
        JSON_FIELDS,
        rename_fields=RENAMED,
        timestamp=True,
        json_ensure_ascii=False,  # travellers write Chinese; keep it readable in the logs
        reserved_attrs=NOT_LOGGED,
    )


def request_id_filters() -> list[logging.Filter]:
    """asgi-correlation-id's filter when that middleware is installed (issue 5), else none."""
    try:
        from asgi_correlation_id import CorrelationIdFilter
    except ImportError:
        return []
    return [CorrelationIdFilter(uuid_length=32, default_value="-")]


# Libraries whose DEBUG lines carry user text: the checkpointers' SQL parameters (whole
# threads), the OpenAI client's request bodies. Never below INFO, whatever TG_LOG_LEVEL says.
TEXT_CARRYING_LOGGERS = ("aiosqlite", "psycopg", "openai", "httpcore", "langsmith")


def configure_logging(
    fmt: Literal["text", "json"] = "text", level: str = "INFO", stream: object = None
) -> logging.Handler:
    """Route the root logger and uvicorn's loggers to one handler in the chosen format."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    for f in [*request_id_filters(), RequestIdDefault()]:
        handler.addFilter(f)
    handler.setFormatter(json_formatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in TEXT_CARRYING_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
    for name in UVICORN_LOGGERS:
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    return handler
