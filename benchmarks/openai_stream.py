"""Our own async streaming client for an OpenAI-compatible server (vLLM), one record per request.

`vllm bench serve` measures the same things, but its datasets carry one prompt string per
request: ours are chat messages with the expert's system prompt and a per-request model (base or
the LoRA), and the same records must come out of vLLM, transformers and the API for the ratios.
Requests are sent on the workload's arrival schedule; `concurrency` caps how many are in flight
(a request that finds the cap full waits in the client, and `start_s` is when it was sent).
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from benchmarks.progress import Progress
from benchmarks.stats import RequestRecord
from benchmarks.workload import WorkItem


def completion_body(item: WorkItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": item.model,
        "messages": item.messages,
        "max_tokens": item.max_tokens,
        "temperature": 0.0,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    if item.forced_length:  # vLLM's sampling extras: no EOS or stop string before max_tokens
        body |= {"min_tokens": item.max_tokens, "ignore_eos": True}
    return body


async def stream_once(
    client: httpx.AsyncClient, body: dict[str, Any], t0: float, arrival_s: float
) -> RequestRecord:
    """Send one streaming completion; `t0` is the run's clock origin."""
    start = time.perf_counter() - t0
    first: float | None = None
    chunks = 0
    usage: dict[str, Any] = {}
    try:
        async with client.stream("POST", "/chat/completions", json=body) as resp:
            if resp.status_code != 200:
                await resp.aread()
                return RequestRecord(
                    arrival_s, start, None, None, 0, error=f"http {resp.status_code}"
                )
            async for line in resp.aiter_lines():
                if not line.startswith("data: ") or line == "data: [DONE]":
                    continue
                data = json.loads(line[6:])
                if data.get("usage"):
                    usage = data["usage"]
                for choice in data.get("choices") or []:
                    if (choice.get("delta") or {}).get("content"):
                        chunks += 1
                        if first is None:
                            first = time.perf_counter() - t0
    except httpx.HTTPError as exc:
        return RequestRecord(arrival_s, start, first, None, chunks, error=type(exc).__name__)
    return RequestRecord(
        arrival_s=arrival_s,
        start_s=start,
        first_token_s=first,
        end_s=time.perf_counter() - t0,
        output_tokens=int(usage.get("completion_tokens", chunks)),
        prompt_tokens=int(usage.get("prompt_tokens", 0)),
    )


def http_client(
    base_url: str, concurrency: int, headers: Mapping[str, str] | None = None
) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=concurrency + 4, max_keepalive_connections=concurrency)
    return httpx.AsyncClient(
        base_url=base_url, headers=dict(headers or {}), timeout=900.0, limits=limits
    )


async def run_workload(
    base_url: str,
    workload: Sequence[WorkItem],
    concurrency: int,
    headers: Mapping[str, str] | None = None,
    label: str | None = None,
) -> list[RequestRecord]:
    """Replay the workload against `base_url` (…/v1) with at most `concurrency` in flight."""
    gate = asyncio.Semaphore(concurrency)
    progress = Progress(label or f"c={concurrency}", len(workload))
    async with http_client(base_url, concurrency, headers) as client:
        t0 = time.perf_counter()

        async def one(item: WorkItem) -> RequestRecord:
            delay = item.arrival_s - (time.perf_counter() - t0)
            if delay > 0:
                await asyncio.sleep(delay)
            async with gate:
                record = await stream_once(client, completion_body(item), t0, item.arrival_s)
            progress.step()
            return record

        return list(await asyncio.gather(*(one(w) for w in workload)))


async def warm_up(base_url: str, model: str, headers: Mapping[str, str] | None = None) -> None:
    """One short request so first-call costs (graph capture, LoRA load) are not measured."""
    body = {"model": model, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4}
    async with httpx.AsyncClient(
        base_url=base_url, headers=dict(headers or {}), timeout=600
    ) as client:
        (await client.post("/chat/completions", json=body)).raise_for_status()
