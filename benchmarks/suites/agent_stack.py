"""What the agent stack (graph + API + SSE) adds on top of the model, and how it holds 100 streams.

- overhead: TTFT through `POST /chat` vs the identical request body sent straight to vLLM. The
  bodies are recorded by running the API once against a recording stand-in (`recorder.py`),
  then each is sent once unmeasured (so both paths find the prefix cache equally warm), then the
  API turn and the direct replay alternate.
- fake model: ms per turn of graph + API with the scripted model, and 100 concurrent streams.
- real model: 100 concurrent streams against vLLM with a short answer cap.
The API's per-process limits (8 streams, 60 requests/min/key) would turn most of 100 streams
into 503/429 by design; they are raised through the environment for these runs and the values
are recorded with the results.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from benchmarks.api_process import RunningApi, rss_mib, running_api
from benchmarks.chat_sse import ChatRecord, chat_once, concurrent_chats, summarise_chats
from benchmarks.context import Context, RunningServer
from benchmarks.openai_stream import stream_once, warm_up
from benchmarks.progress import Progress
from benchmarks.recorder import recording_server
from benchmarks.stats import RequestRecord, percentile
from benchmarks.workload import load_prompts

MODEL_TURNS = Path(__file__).parents[1] / "data" / "model_turns.txt"
WORKLOAD_TRIES = 200  # workload questions tried after the curated ones
STREAM_TEXTS = 8  # distinct model-calling questions the 100 real streams cycle through
LIMITS_ENV = {
    "TG_MAX_CONCURRENT_STREAMS": "256",
    "TG_MAX_STREAMS_PER_OWNER": "256",  # one benchmark key opens all 100 streams
    "TG_RATE_LIMIT_PER_MINUTE": "100000",
    "TG_LLM_TIMEOUT_S": "900",
    "TG_RUN_TIMEOUT_S": "1800",
}


def messages(n: int, offset: int = 0) -> list[str]:
    """Distinct user questions, travel and skin, zh and en, in a fixed interleaved order."""
    pool = load_prompts()
    travel = [p.text for p in pool if p.domain == "travel"]
    medical = [p.text for p in pool if p.domain == "medical"]
    mixed = [q for pair in zip(travel, medical, strict=False) for q in pair]
    return [mixed[(offset + i) % len(mixed)] for i in range(n)]


async def sequential_turns(api: RunningApi, texts: list[str]) -> list[ChatRecord]:
    async with httpx.AsyncClient(base_url=api.url, headers=api.headers, timeout=600) as client:
        return [await chat_once(client, text, time.perf_counter()) for text in texts]


def streams_run(api: RunningApi, texts: list[str]) -> dict[str, Any]:
    records = asyncio.run(concurrent_chats(api.url, api.headers, texts))
    return {
        **summarise_chats(records),
        "api_rss_mib_after": rss_mib(api.pid),
        "api_rss_mib_peak": rss_mib(api.pid, "VmHWM"),
    }


def fake_model(ctx: Context, workdir: Path) -> dict[str, Any]:
    p = ctx.profile
    env = {**LIMITS_ENV, "TG_LLM_BACKEND": "fake"}
    with running_api("http://127.0.0.1:9/v1", workdir, ctx.log_dir / "api-fake.log", env) as api:
        rss_idle = rss_mib(api.pid)
        asyncio.run(sequential_turns(api, messages(1, offset=999)))  # first-call costs
        records = asyncio.run(sequential_turns(api, messages(p.fake_turns)))
        streams = streams_run(api, messages(p.streams, offset=p.fake_turns))
    turns = [(r.end_s - r.start_s) * 1000 for r in records if r.outcome == "completed"]
    return {
        "turns": len(records),
        "turns_failed": summarise_chats(records)["error_details"],
        "ms_per_turn_p50": percentile(turns, 50),
        "ms_per_turn_p99": percentile(turns, 99),
        "api_rss_mib_idle": rss_idle,
        "streams": streams,
    }


def model_turn_candidates(n: int, offset: int = 0) -> list[str]:
    """Questions to try for turns that reach the model: `data/model_turns.txt` first (one-day
    revisions to something the KB does not hold), then `n` of the workload's (most of which the
    KB or a condition card now answers without a model)."""
    lines = MODEL_TURNS.read_text("utf-8").splitlines()
    curated = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return curated + messages(n, offset)


def record_bodies(
    ctx: Context, workdir: Path, want: int, env: dict[str, str], candidates: Sequence[str]
) -> list[tuple[str, dict[str, Any]]]:
    """(text, first model request of its turn) for the first `want` candidates that call the
    model; a turn answered from the knowledge base or a card says nothing about a model's
    stream, so it is skipped and the next candidate tried."""
    pairs: list[tuple[str, dict[str, Any]]] = []
    tried = 0
    with (
        recording_server() as (url, recorder),
        running_api(url, workdir, ctx.log_dir / "api-record.log", env) as api,
    ):
        for text in candidates:
            if len(pairs) == want:
                break
            tried += 1
            before = len(recorder.bodies)
            (turn,) = asyncio.run(sequential_turns(api, [text]))
            if turn.outcome == "completed" and len(recorder.bodies) > before:
                pairs.append((text, recorder.bodies[before]))
    if not pairs:
        raise RuntimeError(
            f"none of {tried} questions called the model (all answered from the knowledge "
            "base or a card): nothing to measure a model's stream through the API on"
        )
    print(f"    {len(pairs)} of {tried} questions tried call the model", flush=True)
    return pairs


async def paired_ttft(
    api: RunningApi, server: RunningServer, recorded: list[tuple[str, dict[str, Any]]]
) -> list[tuple[ChatRecord, RequestRecord]]:
    pairs = []
    async with (
        httpx.AsyncClient(base_url=api.url, headers=api.headers, timeout=900) as chat,
        httpx.AsyncClient(base_url=server.url, headers=server.headers, timeout=900) as direct,
    ):
        await chat_once(chat, recorded[-1][0], time.perf_counter())  # first-call costs
        progress = Progress("API vs direct pairs", len(recorded))
        for text, body in recorded:
            body = {**body, "stream": True, "stream_options": {"include_usage": True}}
            await stream_once(direct, body, time.perf_counter(), 0.0)  # warm the prefix cache
            via_api = await chat_once(chat, text, time.perf_counter())
            straight = await stream_once(direct, body, time.perf_counter(), 0.0)
            pairs.append((via_api, straight))
            progress.step()
    return pairs


def overhead(ctx: Context, server: RunningServer, workdir: Path) -> dict[str, Any]:
    p = ctx.profile
    env = {**LIMITS_ENV, "TG_MAX_TOKENS": str(p.overhead_max_tokens)}
    candidates = model_turn_candidates(WORKLOAD_TRIES, offset=500)
    recorded = record_bodies(ctx, workdir, p.overhead_prompts, env, candidates)
    with running_api(server.url, workdir, ctx.log_dir / "api-real.log", env) as api:
        pairs = asyncio.run(paired_ttft(api, server, recorded))
    rows = []
    for via_api, straight in pairs:
        if via_api.first_token_s is None or straight.first_token_s is None:
            raise RuntimeError(f"no first token: {via_api} / {straight}")
        rows.append(
            {
                "api_ttft_ms": (via_api.first_token_s - via_api.start_s) * 1000,
                "direct_ttft_ms": (straight.first_token_s - straight.start_s) * 1000,
                "api_total_ms": (via_api.end_s - via_api.start_s) * 1000,
                "direct_total_ms": ((straight.end_s or 0) - straight.start_s) * 1000,
                "api_chunks": via_api.chunks,
                "direct_tokens": straight.output_tokens,
                "prompt_tokens": straight.prompt_tokens,
            }
        )
    diff = [r["api_ttft_ms"] - r["direct_ttft_ms"] for r in rows]
    api_rate = [
        (r["api_chunks"] - 1) / ((r["api_total_ms"] - r["api_ttft_ms"]) / 1000)
        for r in rows
        if r["api_chunks"] > 1 and r["api_total_ms"] > r["api_ttft_ms"]
    ]
    direct_rate = [
        (r["direct_tokens"] - 1) / ((r["direct_total_ms"] - r["direct_ttft_ms"]) / 1000)
        for r in rows
        if r["direct_tokens"] > 1 and r["direct_total_ms"] > r["direct_ttft_ms"]
    ]
    return {
        "prompts": len(rows),
        "max_tokens": p.overhead_max_tokens,
        "api_ttft_ms_p50": percentile([r["api_ttft_ms"] for r in rows], 50),
        "direct_ttft_ms_p50": percentile([r["direct_ttft_ms"] for r in rows], 50),
        "ttft_overhead_ms_p50": percentile(diff, 50),
        "ttft_overhead_ms_p99": percentile(diff, 99),
        "api_stream_chunks_s_p50": percentile(api_rate, 50),
        "direct_stream_tok_s_p50": percentile(direct_rate, 50),
        "rows": rows,
    }


def real_streams(ctx: Context, server: RunningServer, workdir: Path) -> dict[str, Any]:
    """`p.real_streams` concurrent turns that each reach the model: questions the recording
    stand-in saw call it, cycled (each stream its own new thread)."""
    p = ctx.profile
    env = {**LIMITS_ENV, "TG_MAX_TOKENS": str(p.real_stream_max_tokens)}
    candidates = model_turn_candidates(WORKLOAD_TRIES, offset=1000)
    found = [text for text, _ in record_bodies(ctx, workdir, STREAM_TEXTS, env, candidates)]
    texts = [found[i % len(found)] for i in range(p.real_streams)]
    with running_api(server.url, workdir, ctx.log_dir / "api-streams.log", env) as api:
        return {
            "max_tokens": p.real_stream_max_tokens,
            "distinct_model_calling_questions": len(found),
            **streams_run(api, texts),
        }


def run(ctx: Context) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        result: dict[str, Any] = {"api_env_for_benchmark": LIMITS_ENV}
        result["fake_model"] = fake_model(ctx, workdir)
        with ctx.vllm() as server:
            asyncio.run(warm_up(server.url, ctx.settings.llm.base_model_name, server.headers))
            asyncio.run(warm_up(server.url, ctx.settings.llm.medical_model, server.headers))
            result["overhead"] = overhead(ctx, server, workdir)
            result["real_model_streams"] = real_streams(ctx, server, workdir)
    ctx.save("agent", result)
    return result
