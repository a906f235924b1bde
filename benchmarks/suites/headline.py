"""Issue 14: the headline figures as medians of repeats, both sides of a ratio interleaved.

Every ratio is measured inside one session on one server where it can be (LoRA and base, the
same prompts and arrivals, alternating which goes first per repeat), with forced output lengths
(`min_tokens` = `max_tokens`, EOS ignored), so a model that talks longer cannot move a ratio.
Four suites, each on its own vLLM (one at a time), each saved on its own so a partial run keeps
what it measured:

- `headline`: the served default — LoRA ÷ base at c=16, single-stream decode (base and LoRA),
  the API's TTFT overhead (/chat vs the same body straight to vLLM, order alternating).
- `headline_slots`: the old default (every saved version served, `--max-loras 6`), the same
  LoRA/base pairs: what the slot count costs.
- `headline_lora_ops`: the same pairs with vLLM's own per-token CPU LoRA arithmetic (our grouped
  plugin not loaded): what the plugin buys.
- `headline_weights` (benchmarks/suites/weights.py): bf16 vs int8 base weights, single stream.
- `headline_batching`: vLLM at c=32 vs the transformers pipeline and static batching, one
  transformers process per repeat between the vLLM runs.
- `headline_streams`: 100 concurrent real /chat streams.
`ctx.stop_at` ends the repeats early (said so in the results) rather than overrun a deadline.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from benchmarks.api_process import RunningApi, running_api
from benchmarks.chat_sse import ChatRecord, chat_once
from benchmarks.context import Context, RunningServer, ServerVariant
from benchmarks.lora_profile import fold, record
from benchmarks.openai_stream import run_workload, stream_once, warm_up
from benchmarks.stats import RequestRecord, percentile, summarise
from benchmarks.suites.agent_stack import (
    LIMITS_ENV,
    WORKLOAD_TRIES,
    model_turn_candidates,
    real_streams,
    record_bodies,
)
from benchmarks.venv_runner import run_venv_script
from benchmarks.workload import build_workload, load_prompts

log = logging.getLogger(__name__)

DEFAULT = ServerVariant("default")  # as `make run` serves
OLD_SLOTS = ServerVariant("old-6-slots", vllm_settings={"extra_adapter_versions": ["all"]})
# vLLM's own per-token CPU LoRA arithmetic: our plugin (serving/vllm_plugins) not loaded
VLLM_LORA_OPS = ServerVariant("vllm-lora-ops", env={"VLLM_PLUGINS": "none"})
WARM_UP_TOKENS = 8
# a repeat is started only with this much time left before ctx.stop_at
REPEAT_BUDGET_S = {
    "lora": 120.0,
    "single": 60.0,
    "overhead": 90.0,
    "batching": 260.0,
    "profile": 120.0,
    "streams": 330.0,  # a vLLM start, the API's, and 100 streams of 32 tokens (~170 s)
}
PROFILE_AFTER_S = 8.0


def forced_workload(
    ctx: Context, n: int, model: str, max_tokens: int | None = None, rate: float | None = None
) -> list[Any]:
    p = ctx.profile
    return build_workload(
        load_prompts(),
        n=n,
        rate_per_s=rate or p.rate_per_s,
        max_tokens=max_tokens or p.max_tokens,
        models=[model],
        seed=p.seed,
        forced_length=True,
    )


def measure(
    ctx: Context,
    server: RunningServer,
    concurrency: int,
    n: int,
    model: str,
    label: str,
    rate: float | None = None,
) -> dict[str, Any]:
    items = forced_workload(ctx, n, model, rate=rate)
    records = asyncio.run(
        run_workload(server.url, items, concurrency, server.headers, f"{label} c={concurrency}")
    )
    return {"model": model, "concurrency": concurrency, "summary": summarise(records)}


def warm(ctx: Context, server: RunningServer, models: Sequence[str], concurrency: int) -> None:
    """First calls and first batch shapes (oneDNN builds kernels per shape) are not measured."""
    for model in models:
        asyncio.run(warm_up(server.url, model, server.headers))
        items = forced_workload(
            ctx, concurrency, model, max_tokens=WARM_UP_TOKENS, rate=ctx.profile.ratio_rate_per_s
        )
        asyncio.run(run_workload(server.url, items, concurrency, server.headers, f"warm {model}"))


def enough_time(ctx: Context, what: str) -> bool:
    if ctx.time_left_s() >= REPEAT_BUDGET_S[what]:
        return True
    log.warning("stopping %s repeats: %.0fs left before --stop-at", what, ctx.time_left_s())
    return False


def interleaved(
    ctx: Context, server: RunningServer, concurrency: int, n: int, what: str
) -> list[dict[str, Any]]:
    """Per repeat: base and medical-expert on the same prompts, order alternating (AB, BA, AB).

    All requests arrive at once (`ratio_rate_per_s`), so `concurrency` requests are in flight
    until the queue drains: the ratio compares capacities, not a Poisson trickle's arrivals.
    """
    sides = [("base", ctx.settings.llm.base_model_name), ("lora", ctx.settings.llm.medical_model)]
    rate = ctx.profile.ratio_rate_per_s
    repeats = []
    for r in range(ctx.profile.repeats):
        if not enough_time(ctx, what):
            break
        order = sides if r % 2 == 0 else sides[::-1]
        row: dict[str, Any] = {"order": [name for name, _ in order]}
        for name, model in order:
            row[name] = measure(ctx, server, concurrency, n, model, name, rate)
        repeats.append(row)
    return repeats


def server_info(server: RunningServer) -> dict[str, Any]:
    return {"command": server.command, "env": server.env, "startup_s": server.startup_s}


# --- the API's TTFT overhead, paired and alternating -----------------------------------------


async def paired_repeats(
    ctx: Context, api: RunningApi, server: RunningServer, recorded: list[tuple[str, dict[str, Any]]]
) -> list[list[dict[str, float]]]:
    async with (
        httpx.AsyncClient(base_url=api.url, headers=api.headers, timeout=900) as chat,
        httpx.AsyncClient(base_url=server.url, headers=server.headers, timeout=900) as direct,
    ):
        bodies = [
            {**b, "stream": True, "stream_options": {"include_usage": True}} for _, b in recorded
        ]
        await chat_once(chat, recorded[-1][0], time.perf_counter())  # first-call costs
        for body in bodies:  # both paths find the prefix cache equally warm
            await stream_once(direct, body, time.perf_counter(), 0.0)
        repeats = []
        for r in range(ctx.profile.repeats):
            if not enough_time(ctx, "overhead"):
                break
            rows = []
            for i, ((text, _), body) in enumerate(zip(recorded, bodies, strict=True)):
                api_first = (r + i) % 2 == 0
                if api_first:
                    via_api = await chat_once(chat, text, time.perf_counter())
                    straight = await stream_once(direct, body, time.perf_counter(), 0.0)
                else:
                    straight = await stream_once(direct, body, time.perf_counter(), 0.0)
                    via_api = await chat_once(chat, text, time.perf_counter())
                rows.append(overhead_row(via_api, straight, api_first))
            print(f"    overhead repeat {r + 1}: {len(rows)} pairs", flush=True)
            repeats.append(rows)
        return repeats


def overhead_row(via_api: ChatRecord, straight: RequestRecord, api_first: bool) -> dict[str, Any]:
    if via_api.first_token_s is None or straight.first_token_s is None:
        raise RuntimeError(f"no first token: {via_api} / {straight}")
    api_ms = (via_api.first_token_s - via_api.start_s) * 1000
    direct_ms = (straight.first_token_s - straight.start_s) * 1000
    return {
        "api_ttft_ms": api_ms,
        "direct_ttft_ms": direct_ms,
        "overhead_ms": api_ms - direct_ms,
        "api_first": api_first,
        "prompt_tokens": straight.prompt_tokens,
    }


def overhead(ctx: Context, server: RunningServer, workdir: Path) -> dict[str, Any]:
    p = ctx.profile
    env = {**LIMITS_ENV, "TG_MAX_TOKENS": str(p.overhead_max_tokens)}
    candidates = model_turn_candidates(WORKLOAD_TRIES, offset=500)
    recorded = record_bodies(ctx, workdir, p.overhead_prompts, env, candidates)
    with running_api(server.url, workdir, ctx.log_dir / "api-headline.log", env) as api:
        repeats = asyncio.run(paired_repeats(ctx, api, server, recorded))
    return {
        "prompts": len(recorded),
        "max_tokens": p.overhead_max_tokens,
        "per_repeat_overhead_ms_p50": [
            percentile([row["overhead_ms"] for row in rows], 50) for rows in repeats
        ],
        "repeats": repeats,
    }


# --- where a decode step's time goes, with and without the LoRA ------------------------------


def profile_decode(ctx: Context, server: RunningServer) -> dict[str, Any]:
    if ctx.py_spy is None or server.pid is None:
        return {"skipped": "no --py-spy binary given (or an external server)"}
    p = ctx.profile
    out: dict[str, Any] = {"seconds": p.profile_s, "concurrency": p.lora_level}
    sides = (("base", ctx.settings.llm.base_model_name), ("lora", ctx.settings.llm.medical_model))
    for name, model in sides:
        items = forced_workload(ctx, 3 * p.lora_level, model)
        coro = run_workload(server.url, items, p.lora_level, server.headers, f"profile {name}")
        load = threading.Thread(target=asyncio.run, args=(coro,))
        load.start()
        time.sleep(PROFILE_AFTER_S)  # past the first prefills: decode steps dominate
        raw = ctx.log_dir / f"py-spy-{name}.txt"
        out[name] = fold(record(ctx.py_spy, server.pid, p.profile_s, raw))
        out[name]["raw"] = str(raw)
        load.join()
    return out


# --- the suites ------------------------------------------------------------------------------


def run(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    base, medical = ctx.settings.llm.base_model_name, ctx.settings.llm.medical_model
    result: dict[str, Any] = {"max_tokens": p.max_tokens, "forced_length": True}
    with tempfile.TemporaryDirectory() as tmp, ctx.vllm(DEFAULT) as server:
        result["server"] = server_info(server)
        warm(ctx, server, [base, medical], p.lora_level)
        result["lora"] = interleaved(ctx, server, p.lora_level, p.requests_at(p.lora_level), "lora")
        ctx.save("headline", result)  # what is measured survives a later failure
        result["single_stream"] = interleaved(ctx, server, 1, p.single_stream_requests, "single")
        ctx.save("headline", result)
        result["overhead"] = overhead(ctx, server, Path(tmp))
        ctx.save("headline", result)
        if ctx.time_left_s() >= REPEAT_BUDGET_S["profile"]:
            result["decode_profile"] = profile_decode(ctx, server)
    ctx.save("headline", result)
    return result


def lora_pairs(ctx: Context, variant: ServerVariant, suite: str) -> dict[str, Any]:
    """The served default's LoRA/base pairs on another server configuration."""
    p = ctx.profile
    base, medical = ctx.settings.llm.base_model_name, ctx.settings.llm.medical_model
    with ctx.vllm(variant) as server:
        warm(ctx, server, [base, medical], p.lora_level)
        repeats = interleaved(ctx, server, p.lora_level, p.requests_at(p.lora_level), "lora")
        result = {"server": server_info(server), "lora": repeats}
    ctx.save(suite, result)
    return result


def run_slots(ctx: Context) -> dict[str, Any]:
    return lora_pairs(ctx, OLD_SLOTS, "headline_slots")


def run_vllm_lora_ops(ctx: Context) -> dict[str, Any]:
    return lora_pairs(ctx, VLLM_LORA_OPS, "headline_lora_ops")


def hf_plan(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    base = ctx.settings.llm.base_model_name
    level = p.batching_level
    runs = [
        {
            "name": "pipeline",
            "mode": "pipeline",
            "workload": [w.to_json() for w in forced_workload(ctx, p.hf_pipeline_requests, base)],
        },
        {
            "name": f"static_b{level}",
            "mode": "static",
            "batch_size": level,
            "timeout_s": p.batch_timeout_s,
            "workload": [w.to_json() for w in forced_workload(ctx, p.requests_at(level), base)],
        },
    ]
    return {
        "model": ctx.settings.base_model_path,
        "dtype": "bfloat16",
        "threads": len(os.sched_getaffinity(0)),
        "runs": runs,
    }


def transformers_once(ctx: Context, plan_path: Path) -> dict[str, Any]:
    raw = run_venv_script(
        ctx.vllm_python, "hf_baseline", str(plan_path), log_path=ctx.log_dir / "transformers.log"
    )
    return {
        name: {"summary": summarise([RequestRecord.from_json(r) for r in data["records"]])}
        for name, data in raw["runs"].items()
    }


def run_batching(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    base = ctx.settings.llm.base_model_name
    level = p.batching_level
    repeats: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, ctx.vllm(DEFAULT) as server:
        plan_path = Path(tmp) / "plan.json"
        plan_path.write_text(json.dumps(hf_plan(ctx), ensure_ascii=False), "utf-8")
        warm(ctx, server, [base], level)
        for r in range(p.repeats):
            if not enough_time(ctx, "batching"):
                break
            row: dict[str, Any] = {"order": ["vllm", "transformers"][:: 1 if r % 2 == 0 else -1]}
            for side in row["order"]:
                if side == "vllm":
                    row["vllm"] = measure(ctx, server, level, p.requests_at(level), base, "vllm")
                else:
                    print("    transformers pipeline + static batching ...", flush=True)
                    row["transformers"] = transformers_once(ctx, plan_path)
            repeats.append(row)
            ctx.save("headline_batching", {"level": level, "repeats": repeats})
        result = {"level": level, "server": server_info(server), "repeats": repeats}
    ctx.save("headline_batching", result)
    return result


def run_streams(ctx: Context) -> dict[str, Any]:
    if not enough_time(ctx, "streams"):
        return {}
    with tempfile.TemporaryDirectory() as tmp, ctx.vllm(DEFAULT) as server:
        warm(ctx, server, [ctx.settings.llm.base_model_name, ctx.settings.llm.medical_model], 4)
        # natural answer lengths (the API forces none), capped at p.real_stream_max_tokens
        streams = real_streams(ctx, server, Path(tmp))
        result = {"server": server_info(server), "api_env_for_benchmark": LIMITS_ENV, **streams}
    ctx.save("headline_streams", result)
    return result
