"""Issue 14: two versions of our CPU LoRA plugin on the real server, interleaved (v1 vs v3).

The version lives inside vLLM's process, so each side needs its own server; only one of ours may
run at a time on this box. Per repeat, each side gets a fresh server in turn, the order
alternating (v1 v3, v3 v1, v1 v3 ...), and on it: the LoRA/base pair at c=16 (same prompts,
forced lengths, base/LoRA order alternating as in `headline`) and the single-stream pair. The
load average is recorded before and after each side. The first server of each version also
answers a greedy probe (natural stops), so the two versions' answers can be compared word for
word. The plugin source is this checkout's (PYTHONPATH), so both sides run the code committed
here and the copy installed in vLLM's shared venv is not touched.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

import httpx

from benchmarks.context import Context, RunningServer, ServerVariant
from benchmarks.openai_stream import completion_body
from benchmarks.suites.headline import measure, warm
from benchmarks.workload import build_workload, load_prompts
from serving.prepare import PLUGINS

VERSIONS = ("grouped", "cached")  # TG_VLLM_LORA_OPS: v1, v3
PROBE_PROMPTS = 3
PROBE_MAX_TOKENS = 48
SESSION_BUDGET_S = 420.0  # a server start, warm-up, both pairs (contended box)


def variant(version: str, port: int) -> ServerVariant:
    """`port`: the configured one (TG_VLLM_PORT), not a random free one, on a shared box."""
    env = {"TG_VLLM_LORA_OPS": version, "PYTHONPATH": str(PLUGINS)}
    settings = {"lora_ops": version, "port": port}
    return ServerVariant(f"lora-{version}", env=env, vllm_settings=settings)


def load() -> list[float]:
    return [round(v, 2) for v in os.getloadavg()]


async def probe(server: RunningServer, models: list[str]) -> dict[str, list[str]]:
    """Greedy answers with natural stops, one request at a time (no batch to perturb the sums)."""
    items = build_workload(
        load_prompts(), n=PROBE_PROMPTS, rate_per_s=1000.0, max_tokens=PROBE_MAX_TOKENS,
        models=models[:1], seed=11,
    )  # fmt: skip
    answers: dict[str, list[str]] = {}
    async with httpx.AsyncClient(base_url=server.url, headers=server.headers, timeout=900) as c:
        for model in models:
            texts = []
            for item in items:
                body = {**completion_body(item), "model": model, "stream": False}
                body.pop("stream_options")
                resp = await c.post("/chat/completions", json=body)
                resp.raise_for_status()
                texts.append(resp.json()["choices"][0]["message"]["content"])
            answers[model] = texts
    return answers


def session(ctx: Context, version: str, repeat: int) -> dict[str, Any]:
    p = ctx.profile
    base, medical = ctx.settings.llm.base_model_name, ctx.settings.llm.medical_model
    row: dict[str, Any] = {"version": version, "repeat": repeat, "load_before": load()}
    with ctx.vllm(variant(version, ctx.settings.vllm.port)) as server:
        row["startup_s"] = server.startup_s
        warm(ctx, server, [base, medical], p.lora_level)
        sides = [("base", base), ("lora", medical)]
        order = sides if repeat % 2 == 0 else sides[::-1]
        row["order"] = [name for name, _ in order]
        n = p.requests_at(p.lora_level)
        rate = p.ratio_rate_per_s
        row["lora_pair"] = {
            name: measure(ctx, server, p.lora_level, n, model, f"{version} {name}", rate)
            for name, model in order
        }
        row["load_mid"] = load()
        row["single_stream"] = {
            name: measure(ctx, server, 1, p.single_stream_requests, model, f"{version} {name}")
            for name, model in order
        }
        if repeat == 0:  # the first server of each version
            row["probe"] = asyncio.run(probe(server, [medical, base]))
    row["load_after"] = load()
    return row


def run(ctx: Context) -> dict[str, Any]:
    """With `ctx.resume`, the sessions already saved are kept and only the missing ones run."""
    saved = ctx.out_dir / "headline_lora_variants.json"
    result: dict[str, Any] = {
        "versions": list(VERSIONS),
        "max_tokens": ctx.profile.max_tokens,
        "forced_length": True,
        "sessions": [],
    }
    if ctx.resume and saved.exists():
        result = json.loads(saved.read_text("utf-8"))
        result.pop("stopped_early", None)
    done = {(s["version"], s["repeat"]) for s in result["sessions"]}
    for r in range(ctx.profile.repeats):
        order = VERSIONS if r % 2 == 0 else VERSIONS[::-1]
        for version in order:
            if (version, r) in done:
                continue
            if ctx.time_left_s() < SESSION_BUDGET_S:
                result["stopped_early"] = f"repeat {r + 1}, {version}: --stop-at"
                ctx.save("headline_lora_variants", result)
                return result
            result["sessions"].append(session(ctx, version, r))
            ctx.save("headline_lora_variants", result)
    return result
