"""Limits on the HTTP request itself, for an API that may face clients without a proxy:
header count (431) and the time a body may take to arrive (408), each in the one error shape.

Header size is uvicorn's (h11's incomplete-event limit, api/server.py); body size is
api/limits.py's. A partial body otherwise holds its connection (and a worker) open for as long
as the client likes.
"""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response


class _BodyTimeoutError(HTTPException):
    """Raised from `receive`, so it reaches the app's error handlers as a 408."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__(408, f"the request body did not arrive within {timeout_s:g}s")


class RequestShapeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_headers: int, body_timeout_s: float) -> None:
        self.app = app
        self.max_headers = max_headers
        self.body_timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope["headers"]) > self.max_headers:
            response = error_response(
                431, "headers_too_large", f"more than {self.max_headers} request headers"
            )
            await response(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.body_timeout_s
        body_done = False

        async def timed_receive() -> Message:
            nonlocal body_done
            if body_done:  # after the body, receive only waits for a disconnect: no deadline
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise _BodyTimeoutError(self.body_timeout_s) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                body_done = True
            return message

        await self.app(scope, timed_receive, send)
