"""vLLM on the realistic workload: the scaling curve over concurrency, and what the LoRA costs.

Both on one server started exactly as `make run` starts it (base model + medical-expert).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from typing import Any

from benchmarks.context import Context, RunningServer
from benchmarks.openai_stream import run_workload, warm_up
from benchmarks.stats import knee, summarise
from benchmarks.workload import build_workload, load_prompts


def measure(
    ctx: Context, server: RunningServer, concurrency: int, n: int, models: Sequence[str]
) -> dict[str, Any]:
    p = ctx.profile
    items = build_workload(
        load_prompts(),
        n=n,
        rate_per_s=p.rate_per_s,
        max_tokens=p.max_tokens,
        models=models,
        seed=p.seed,
    )
    label = f"c={concurrency} {'+'.join(models)}"
    records = asyncio.run(run_workload(server.url, items, concurrency, server.headers, label))
    return {
        "concurrency": concurrency,
        "models": list(models),
        "summary": summarise(records),
        "records": [r.to_json() for r in records],
    }


def server_info(server: RunningServer) -> dict[str, Any]:
    return {"command": server.command, "env": server.env, "startup_s": server.startup_s}


def run(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    base, medical = ctx.settings.llm.base_model_name, ctx.settings.llm.medical_model
    with ctx.vllm() as server:
        asyncio.run(warm_up(server.url, base, server.headers))
        asyncio.run(warm_up(server.url, medical, server.headers))
        scaling = [measure(ctx, server, c, p.requests_at(c), [base]) for c in p.levels]
        lora: dict[str, list[dict[str, Any]]] = {"base": [], "medical-expert": [], "mix": []}
        for c in p.lora_levels:
            n = max(p.lora_min_requests, p.per_slot * c)
            for name, models in (("base", [base]), ("medical-expert", [medical])):
                lora[name].append(measure(ctx, server, c, n, models))
            lora["mix"].append(measure(ctx, server, c, n, [base, medical]))
        info = server_info(server)
    if ctx.merge_scaling:
        previous = json.loads((ctx.out_dir / "vllm.json").read_text("utf-8"))
        kept = [r for r in previous["scaling"] if r["concurrency"] not in p.levels]
        scaling = sorted(kept + scaling, key=lambda r: r["concurrency"])
        lora = previous["lora"]
        info = {**previous["server"], "added_levels": {"levels": p.levels, **info}}
    curve = [(s["concurrency"], s["summary"]["output_tok_s"] or 0.0) for s in scaling]
    result = {
        "server": info,
        "rate_per_s": p.rate_per_s,
        "max_tokens": p.max_tokens,
        "scaling": scaling,
        "knee": knee(curve),
        "lora": lora,
    }
    ctx.save("vllm", result)
    return result
