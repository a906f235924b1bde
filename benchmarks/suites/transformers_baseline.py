"""Baselines (a) one request at a time with `generate` (the guide's pipeline) and (b) static
batching with padding, on the same workloads vLLM gets, in vLLM's venv (it has transformers).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.context import Context
from benchmarks.stats import RequestRecord, summarise
from benchmarks.venv_runner import run_venv_script
from benchmarks.workload import WorkItem, build_workload, load_prompts


def workload(ctx: Context, n: int) -> list[WorkItem]:
    p = ctx.profile
    return build_workload(
        load_prompts(),
        n=n,
        rate_per_s=p.rate_per_s,
        max_tokens=p.max_tokens,
        models=[ctx.settings.llm.base_model_name],
        seed=p.seed,
    )


def plan(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    runs: list[dict[str, Any]] = [
        {
            "name": "pipeline",
            "mode": "pipeline",
            "workload": [w.to_json() for w in workload(ctx, p.hf_pipeline_requests)],
        }
    ]
    for size in p.hf_batch_sizes:
        runs.append(
            {
                "name": f"static_b{size}",
                "mode": "static",
                "batch_size": size,
                "timeout_s": p.batch_timeout_s,
                "workload": [w.to_json() for w in workload(ctx, p.requests_at(size))],
            }
        )
    return {
        "model": ctx.settings.base_model_path,
        "dtype": "bfloat16",
        "threads": len(os.sched_getaffinity(0)),
        "runs": runs,
    }


def run(ctx: Context) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = Path(tmp) / "plan.json"
        plan_path.write_text(json.dumps(plan(ctx), ensure_ascii=False), "utf-8")
        raw = run_venv_script(
            ctx.vllm_python,
            "hf_baseline",
            str(plan_path),
            log_path=ctx.log_dir / "transformers.log",
        )
    runs = {}
    for name, data in raw["runs"].items():
        records = [RequestRecord.from_json(r) for r in data["records"]]
        runs[name] = {"summary": summarise(records), "records": data["records"]}
    result = {
        "meta": raw["meta"],
        "rate_per_s": ctx.profile.rate_per_s,
        "batch_timeout_s": ctx.profile.batch_timeout_s,
        "max_tokens": ctx.profile.max_tokens,
        "timing_note": "static batches: per-token times stamped at each decode step (as if "
        "streamed); the batch really returns when its longest row ends",
        "runs": runs,
    }
    ctx.save("transformers", result)
    return result
