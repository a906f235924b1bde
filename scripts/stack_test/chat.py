"""One chat turn through nginx, as a client sees it: the SSE events in order, or the JSON reply."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from httpx_sse import connect_sse

# The same turns the browser end-to-end test asks (tests/integration/test_browser_e2e.py).
TRAVEL = "帮我规划三天的杭州行程"
RED_FLAG = "我朋友吃了花生后嘴唇肿了，喘不上气"
MULTI_INTENT = "去厦门玩两天，我一吃海鲜就起荨麻疹，美食路线怎么安排？"


@dataclass
class Turn:
    status: int
    request_id: str
    events: list[tuple[str, Any]] = field(default_factory=list)
    first_token_s: float | None = None
    total_s: float = 0.0
    cut: str | None = None  # the connection broke before `end`

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    @property
    def thread_id(self) -> str:
        return next(data["thread_id"] for name, data in self.events if name == "metadata")

    @property
    def text(self) -> str:
        return "".join(data[0]["content"] for name, data in self.events if name == "messages")

    def custom(self, kind: str) -> list[dict]:
        return [d for n, d in self.events if n == "custom" and d.get("type") == kind]

    @property
    def errors(self) -> list[dict]:
        return [data for name, data in self.events if name == "error"]

    @property
    def complete(self) -> bool:
        """The stream contract: metadata first, end last, no error, some text."""
        names = self.names
        return (
            self.cut is None
            and bool(names)
            and names[0] == "metadata"
            and names[-1] == "end"
            and not self.errors
        )


class Client:
    def __init__(self, base_url: str, api_key: str) -> None:
        self.http = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=httpx.Timeout(600.0, connect=10.0),
        )

    def stream(
        self,
        message: str,
        thread_id: str | None = None,
        on_first_token: Callable[[Turn], None] | None = None,
    ) -> Turn:
        """POST /chat as SSE, read to the end; a cut connection is recorded, not raised."""
        request_id = uuid.uuid4().hex
        body: dict[str, Any] = {"message": message}
        if thread_id:
            body["thread_id"] = thread_id
        started = time.monotonic()
        turn = Turn(status=0, request_id=request_id)
        try:
            with connect_sse(
                self.http, "POST", "/chat", json=body, headers={"X-Request-ID": request_id}
            ) as source:
                turn.status = source.response.status_code
                if turn.status != 200:
                    source.response.read()
                    turn.events.append(("http_error", source.response.json()))
                    return turn
                for sse in source.iter_sse():
                    data = json.loads(sse.data) if sse.data else None
                    turn.events.append((sse.event, data))
                    if sse.event == "messages" and turn.first_token_s is None:
                        turn.first_token_s = round(time.monotonic() - started, 2)
                        if on_first_token is not None:
                            on_first_token(turn)
        except httpx.HTTPError as exc:  # e.g. the replica was killed mid-stream
            turn.cut = f"{type(exc).__name__}: {exc}"
        turn.total_s = round(time.monotonic() - started, 2)
        return turn

    def post_json(
        self, message: str, thread_id: str | None = None, request_id: str | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"message": message, "stream": False}
        if thread_id:
            body["thread_id"] = thread_id
        headers = {"X-Request-ID": request_id or uuid.uuid4().hex}
        return self.http.post("/chat", json=body, headers=headers)

    def thread(self, thread_id: str, request_id: str | None = None) -> dict:
        headers = {"X-Request-ID": request_id or uuid.uuid4().hex}
        resp = self.http.get(f"/threads/{thread_id}", headers=headers)
        resp.raise_for_status()
        return resp.json()
