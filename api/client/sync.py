"""The blocking client (httpx + httpx-sse)."""

from __future__ import annotations

import json
import time
from collections.abc import Generator
from types import TracebackType
from typing import Any

import httpx
from httpx_sse import connect_sse

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


class TripGeniusClient:
    """`stream`/`chat` a message; list, read, delete and cancel threads; read `/info`.

    A 429/503 is retried after its Retry-After (`retry`); `on_retry(error, wait_s)` hears each
    wait. Failures raise `ApiError` or `ConnectionFailed` (both `TripGeniusError`).
    """

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        api_key: str | None = None,
        timeout: float = 300.0,
        *,
        retry: RetryPolicy | None = None,
        on_retry: OnRetry | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.base_url = base_url
        self.retry = retry or RetryPolicy()
        self.on_retry = on_retry
        self._http = httpx.Client(
            base_url=base_url, headers=headers, timeout=timeout, transport=transport
        )

    def __enter__(self) -> TripGeniusClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def _wait(self, error: ApiError, attempt: int) -> None:
        wait = self.retry.wait_s(error, attempt)
        if wait is None:
            raise error
        if self.on_retry is not None:
            self.on_retry(error, wait)
        time.sleep(wait)

    def stream(
        self, message: str, thread_id: str | None = None
    ) -> Generator[ChatEvent, None, None]:
        """Yield the reply's events as they arrive (ends with `end`)."""
        body = chat_body(message, thread_id)
        attempt = 0
        while True:
            with (
                translated_transport_errors(self.base_url),
                connect_sse(self._http, "POST", "/chat", json=body) as source,
            ):
                if source.response.status_code < 400:
                    for sse in source.iter_sse():
                        if sse.data:  # '' is a keep-alive comment
                            yield ChatEvent(sse.event, json.loads(sse.data), sse.id or None)
                    return
                source.response.read()
                error = error_from(source.response)
            self._wait(error, attempt)
            attempt += 1

    def chat(self, message: str, thread_id: str | None = None) -> ChatResult:
        """Send a message and gather the whole streamed reply."""
        result = ChatResult()
        for event in self.stream(message, thread_id):
            result.add(event)
        return result

    def _json(self, method: str, path: str) -> Any:
        attempt = 0
        while True:
            with translated_transport_errors(self.base_url):
                resp = self._http.request(method, path)
            if resp.status_code < 400:
                return resp.json() if resp.content else None
            self._wait(error_from(resp), attempt)
            attempt += 1

    def threads(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/threads")["threads"])

    def history(self, thread_id: str) -> dict[str, Any]:
        return dict(self._json("GET", f"/threads/{thread_id}"))

    def delete(self, thread_id: str) -> None:
        self._json("DELETE", f"/threads/{thread_id}")

    def cancel(self, thread_id: str) -> dict[str, Any]:
        return dict(self._json("POST", f"/threads/{thread_id}/cancel"))

    def info(self) -> dict[str, Any]:
        return dict(self._json("GET", "/info"))
