"""A small typed Python client for the Trip Genius API (blocking and asyncio), and a CLI.

    from api.client import TripGeniusClient, AsyncTripGeniusClient

Built on httpx + httpx-sse; only the HTTP API is used, so it runs anywhere (no app imports).
`python -m api.client --help` for the command line.
"""

from api.client.aio import AsyncTripGeniusClient
from api.client.cli import main
from api.client.events import (
    DEFAULT_URL,
    ApiError,
    ChatEvent,
    ChatResult,
    ChatSection,
    ConnectionFailed,
    RetryPolicy,
    TripGeniusError,
)
from api.client.sync import TripGeniusClient

__all__ = [
    "DEFAULT_URL",
    "ApiError",
    "AsyncTripGeniusClient",
    "ChatEvent",
    "ChatResult",
    "ChatSection",
    "ConnectionFailed",
    "RetryPolicy",
    "TripGeniusClient",
    "TripGeniusError",
    "main",
]
