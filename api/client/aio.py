"""The asyncio client (httpx + httpx-sse), method for method the same as the blocking one."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from types import TracebackType
from typing import Any

import httpx
from httpx_sse import aconnect_sse

from api.client.events import (
    DEFAULT_URL,
    ApiError,
    ChatEvent,
    ChatResult,
    OnRetry,
    RetryPolicy,
    chat_body,
    error_from,
    translated_transport_errors,
)


class AsyncTripGeniusClient:
    """`TripGeniusClient` for asyncio: `async with`, `async for event in client.stream(...)`."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        api_key: str | None = None,
        timeout: float = 300.0,
        *,
        retry: RetryPolicy | None = None,
        on_retry: OnRetry | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url
        self.retry = retry or RetryPolicy()
        self.on_retry = on_retry
        self._http = httpx.AsyncClient(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )

    async def __aenter__(self) -> AsyncTripGeniusClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _wait(self, error: ApiError, attempt: int) -> None:
        wait = self.retry.wait_s(error, attempt)
        if wait is None:
            raise error
        if self.on_retry is not None:
            self.on_retry(error, wait)
        await asyncio.sleep(wait)

    async def stream(self, message: str, thread_id: str | None = None) -> AsyncIterator[ChatEvent]:
        """Yield the reply's events as they arrive (ends with `end`)."""
        body = chat_body(message, thread_id)
        attempt = 0
        while True:
            with translated_transport_errors(self.base_url):
                async with aconnect_sse(self._http, "POST", "/chat", json=body) as source:
                    if source.response.status_code < 400:
                        async for sse in source.aiter_sse():
                            if sse.data:  # '' is a keep-alive comment
                                yield ChatEvent(sse.event, json.loads(sse.data), sse.id or None)
                        return
                    await source.response.aread()
                    error = error_from(source.response)
            await self._wait(error, attempt)
            attempt += 1

    async def chat(self, message: str, thread_id: str | None = None) -> ChatResult:
        """Send a message and gather the whole streamed reply."""
        result = ChatResult()
        async for event in self.stream(message, thread_id):
            result.add(event)
        return result

    async def _json(self, method: str, path: str) -> Any:
        attempt = 0
        while True:
            with translated_transport_errors(self.base_url):
                resp = await self._http.request(method, path)
            if resp.status_code < 400:
                return resp.json() if resp.content else None
            await self._wait(error_from(resp), attempt)
            attempt += 1

    async def threads(self) -> list[dict[str, Any]]:
        return list((await self._json("GET", "/threads"))["threads"])

    async def history(self, thread_id: str) -> dict[str, Any]:
        return dict(await self._json("GET", f"/threads/{thread_id}"))

    async def delete(self, thread_id: str) -> None:
        await self._json("DELETE", f"/threads/{thread_id}")

    async def cancel(self, thread_id: str) -> dict[str, Any]:
        return dict(await self._json("POST", f"/threads/{thread_id}/cancel"))

    async def info(self) -> dict[str, Any]:
        return dict(await self._json("GET", "/info"))
