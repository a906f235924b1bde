"""A client for `POST /chat` SSE streams that classifies how each stream ended.

completed: an `end` event and no `error` event; error: an HTTP error status or an `error`
event; truncated: the connection closed without `end` (what a user sees as a cut-off answer).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import httpx
from httpx_sse import aconnect_sse

from benchmarks.progress import Progress
from benchmarks.stats import percentile

Outcome = Literal["completed", "error", "truncated"]


@dataclass(frozen=True)
class ChatRecord:
    start_s: float
    first_token_s: float | None
    end_s: float
    chunks: int
    outcome: Outcome
    detail: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


async def chat_once(client: httpx.AsyncClient, message: str, t0: float) -> ChatRecord:
    start = time.perf_counter() - t0
    first: float | None = None
    chunks, ended, error = 0, False, None
    try:
        async with aconnect_sse(client, "POST", "/chat", json={"message": message}) as source:
            if source.response.status_code != 200:
                await source.response.aread()
                body = source.response.text[:200]
                return ChatRecord(start, None, time.perf_counter() - t0, 0, "error", body)
            async for event in source.aiter_sse():
                if not event.data:
                    continue  # keep-alive
                if event.event == "messages" and json.loads(event.data)[0].get("content"):
                    chunks += 1
                    if first is None:
                        first = time.perf_counter() - t0
                elif event.event == "error":
                    error = json.loads(event.data).get("error", "error")
                elif event.event == "end":
                    ended = True
    except httpx.HTTPError as exc:
        error = error or f"{type(exc).__name__}"
    end = time.perf_counter() - t0
    outcome: Outcome = "error" if error else ("completed" if ended else "truncated")
    return ChatRecord(start, first, end, chunks, outcome, error)


async def concurrent_chats(
    url: str, headers: Mapping[str, str], messages: Sequence[str], timeout_s: float = 1800
) -> list[ChatRecord]:
    """All messages at once, each on its own new thread and connection."""
    limits = httpx.Limits(max_connections=len(messages) + 4)
    async with httpx.AsyncClient(
        base_url=url, headers=dict(headers), timeout=timeout_s, limits=limits
    ) as client:
        t0 = time.perf_counter()
        progress = Progress(f"{len(messages)} concurrent chats", len(messages))

        async def one(message: str) -> ChatRecord:
            record = await chat_once(client, message, t0)
            progress.step()
            return record

        return list(await asyncio.gather(*(one(m) for m in messages)))


def summarise_chats(records: Sequence[ChatRecord]) -> dict[str, Any]:
    latency = [(r.end_s - r.start_s) * 1000 for r in records if r.outcome == "completed"]
    ttft = [
        (r.first_token_s - r.start_s) * 1000
        for r in records
        if r.outcome == "completed" and r.first_token_s is not None
    ]
    return {
        "streams": len(records),
        "completed": sum(r.outcome == "completed" for r in records),
        "errors": sum(r.outcome == "error" for r in records),
        "truncated": sum(r.outcome == "truncated" for r in records),
        "error_details": dict(Counter(r.detail for r in records if r.detail)),
        "latency_ms_p50": percentile(latency, 50),
        "latency_ms_p99": percentile(latency, 99),
        "ttft_ms_p50": percentile(ttft, 50),
        "ttft_ms_p99": percentile(ttft, 99),
        "wall_s": max((r.end_s for r in records), default=0.0),
    }
