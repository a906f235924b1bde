"""Request limits, each with a clear error: body size (413), per-key rate (429 + Retry-After),
concurrent replies per owner (429 + Retry-After) and in all (503 + Retry-After). Message length
(422) is checked by the chat route.

Rate and concurrency limits are per API process (in memory): behind a load balancer with N
processes the effective limits are N times larger.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import require_owner
from api.errors import ApiError, error_response


class _BodyTooLargeError(HTTPException):
    """Raised from `receive`, so it reaches the app's error handlers as a 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"request body exceeds {max_bytes} bytes")


class BodySizeLimitMiddleware:
    """413 before a large body is read: by Content-Length, or by counting a chunked body."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.max_bytes
            except ValueError:
                too_large = False
            if too_large:
                await self._reject(scope, receive, send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLargeError(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _BodyTooLargeError:
            if not started:
                await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413, "body_too_large", f"request body exceeds {self.max_bytes} bytes"
        )
        await response(scope, receive, send)


class MovingWindow:
    """At most `limit` hits per key in any `window_s` seconds, the window moving with time (the
    `limits` library's moving window, kept here in a deque per key).

    Why not `limits`' in-memory storage: on every hit that finds its expiry timer finished (every
    request of an API not under a flood) it starts a new `threading.Timer`, and `Thread.start`
    waits until that thread has run. On the shared 2-core box at load 11, niced, that wait was
    28 ms p50 (max 196 ms) on every `/chat` before admission (benchmarks/README.md, 2026-12-02
    speed-6); its asyncio storage instead hops to a thread under the key's lock (max 100 ms).
    Keys are owners (one per configured API key), so the dict stays small.
    """

    def __init__(
        self, limit: int, window_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}

    def hit(self, key: str) -> float | None:
        """Count a hit and return None, or (over the limit) count nothing and return the
        seconds until a hit would be allowed."""
        now = self.clock()
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            return hits[0] + self.window_s - now
        hits.append(now)
        return None


class RateLimiter:
    """Requests per minute per owner (a moving window, in memory)."""

    def __init__(self, per_minute: int) -> None:
        self.window = MovingWindow(per_minute)

    def check(self, owner: str) -> None:
        wait_s = self.window.hit(owner)
        if wait_s is None:
            return
        raise ApiError(
            429,
            "rate_limited",
            f"more than {self.window.limit} requests per minute for this API key",
            headers={"Retry-After": str(max(1, math.ceil(wait_s)))},
        )


class StreamSlots:
    """How many replies this process generates at once, in all (the rest get 503) and per owner
    (429), so that one API key cannot take every slot. Both with Retry-After."""

    def __init__(self, limit: int, retry_after_s: int, per_owner: int | None = None) -> None:
        self.limit = limit
        self.per_owner = per_owner or limit
        self.retry_after_s = retry_after_s
        self.in_use = 0
        self.by_owner: dict[str, int] = {}

    def acquire(self, owner: str) -> None:
        retry = {"Retry-After": str(self.retry_after_s)}
        if self.by_owner.get(owner, 0) >= self.per_owner:
            raise ApiError(
                429,
                "too_many_replies",
                f"this API key already has {self.per_owner} replies being generated; wait for "
                "one to end",
                headers=retry,
            )
        if self.in_use >= self.limit:
            raise ApiError(
                503,
                "too_many_streams",
                f"{self.limit} replies are being generated; retry shortly",
                headers=retry,
            )
        self.in_use += 1
        self.by_owner[owner] = self.by_owner.get(owner, 0) + 1

    def release(self, owner: str) -> None:
        self.in_use = max(0, self.in_use - 1)
        left = self.by_owner.get(owner, 0) - 1
        if left > 0:
            self.by_owner[owner] = left
        else:
            self.by_owner.pop(owner, None)


async def rate_limited_owner(
    request: Request, owner: Annotated[str, Depends(require_owner)]
) -> str:
    request.app.state.rate_limiter.check(owner)
    return owner


OwnerDep = Annotated[str, Depends(rate_limited_owner)]
