"""vLLM knobs, measured before/after on one workload at one concurrency, one server each.

Stage 1 compares thread binding (vLLM's `auto` reserves one core for its scheduler: on a 2-core
box that is half the compute); stage 2 tries the other knobs on top of the stage-1 winner. A
variant counts as clearly better when it gains at least `CLEAR_GAIN` output tok/s without a
worse TTFT p50 by more than the same margin; making it the default is then a settings change.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import replace
from typing import Any

from benchmarks.context import Context, ServerVariant
from benchmarks.openai_stream import warm_up
from benchmarks.suites.vllm_serving import measure

CLEAR_GAIN = 0.10
WARM_UP_TOKENS = 16
BIND_VARIANTS = ("bind-auto", "bind-all", "nobind")


def all_cpus() -> str:
    return ",".join(str(c) for c in sorted(os.sched_getaffinity(0)))


def variant(name: str, base_env: dict[str, str]) -> ServerVariant:
    binds = {"bind-auto": "auto", "bind-all": all_cpus(), "nobind": "nobind"}
    if name in binds:
        return ServerVariant(name, env={"VLLM_CPU_OMP_THREADS_BIND": binds[name]})
    flags: dict[str, tuple[str, ...]] = {
        "max-num-seqs-8": ("--max-num-seqs", "8"),  # below the test's concurrency on purpose
        "no-prefix-caching": ("--no-enable-prefix-caching",),
        "no-chunked-prefill": ("--no-enable-chunked-prefill",),
        "batched-tokens-512": ("--max-num-batched-tokens", "512"),
        "fp32": ("--dtype", "float32"),
    }
    if name == "no-lora":
        return ServerVariant(name, env=base_env, lora=False)
    if name not in flags:
        raise ValueError(f"unknown tuning variant {name!r}")
    return ServerVariant(name, extra_args=flags[name], env=base_env)


def clearly_better(candidate: dict[str, Any], reference: dict[str, Any]) -> bool:
    tput, ref = candidate.get("output_tok_s") or 0.0, reference.get("output_tok_s") or 0.0
    ttft, ref_ttft = candidate.get("ttft_ms_p50"), reference.get("ttft_ms_p50")
    faster = ref > 0 and tput >= ref * (1 + CLEAR_GAIN)
    latency_ok = ttft is None or ref_ttft is None or ttft <= ref_ttft * (1 + CLEAR_GAIN)
    return faster and latency_ok


def measure_variant(ctx: Context, v: ServerVariant) -> dict[str, Any]:
    p = ctx.profile
    base = ctx.settings.llm.base_model_name
    with ctx.vllm(v) as server:
        asyncio.run(warm_up(server.url, base, server.headers))
        # A fresh server meets each batch shape for the first time (oneDNN builds its kernels
        # per shape): run the same load once with short answers before measuring.
        short = replace(p, max_tokens=WARM_UP_TOKENS)
        measure(
            replace(ctx, profile=short), server, p.tuning_concurrency, p.tuning_requests, [base]
        )
        m = measure(ctx, server, p.tuning_concurrency, p.tuning_requests, [base])
        return {
            "variant": v.name,
            "extra_args": list(v.extra_args),
            "env": dict(v.env),
            "lora": v.lora,
            "startup_s": server.startup_s,
            "summary": m["summary"],
        }


def run(ctx: Context) -> dict[str, Any]:
    names = ctx.profile.tuning_variants
    stage1 = [measure_variant(ctx, variant("bind-auto", {}))]
    stage1 += [measure_variant(ctx, variant(n, {})) for n in names if n in BIND_VARIANTS[1:]]
    winner = stage1[0]
    for row in stage1[1:]:
        row["clearly_better_than"] = winner["variant"]
        row["clearly_better"] = clearly_better(row["summary"], winner["summary"])
        if row["clearly_better"]:
            winner = row
    stage2 = []
    for name in names:
        if name in BIND_VARIANTS:
            continue
        row = measure_variant(ctx, variant(name, winner["env"]))
        row["clearly_better_than"] = winner["variant"]
        row["clearly_better"] = clearly_better(row["summary"], winner["summary"])
        stage2.append(row)
    result = {
        "concurrency": ctx.profile.tuning_concurrency,
        "requests": ctx.profile.tuning_requests,
        "rule": f"clearly better: >= {CLEAR_GAIN:.0%} output tok/s, TTFT p50 not worse by more",
        "stage1_binding": stage1,
        "binding_winner": winner["variant"],
        "stage2_on_winner": stage2,
    }
    ctx.save(ctx.tuning_name, result)
    return result
