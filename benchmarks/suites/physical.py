"""Physical context: memory bandwidth and matmul FLOP/s of the box, and the decode bound.

Decoding one token of one stream reads every weight once, so single-stream decode cannot beat
bandwidth / weight bytes. Weight bytes are the safetensors on disk (bf16); the input embedding is
only gathered row by row, so the bound without it is given too (it is the looser one).
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

from benchmarks.context import Context
from benchmarks.venv_runner import run_venv_script


def weight_bytes(model_dir: Path) -> dict[str, int]:
    files = sorted(model_dir.glob("*.safetensors"))
    total = sum(f.stat().st_size for f in files)
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    embedding = int(config["vocab_size"]) * int(config["hidden_size"]) * 2  # bf16
    tied = bool(config.get("tie_word_embeddings", False))
    return {"safetensors": total, "input_embedding": embedding, "tied_embeddings": int(tied)}


def machine() -> dict[str, Any]:
    model = "unknown"
    flags: set[str] = set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
    mem_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "cpu": model,
        "cpus": len(os.sched_getaffinity(0)),
        "memory_gib": round(mem_kib / 1024**2, 1),
        "avx512_bf16": "avx512_bf16" in flags,
        "amx_bf16": "amx_bf16" in flags,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def run(ctx: Context) -> dict[str, Any]:
    plan = {"threads": len(os.sched_getaffinity(0)), **ctx.profile.physical}
    measured = run_venv_script(
        ctx.vllm_python, "physical", json.dumps(plan), log_path=ctx.log_dir / "physical.log"
    )
    weights = weight_bytes(Path(ctx.settings.base_model_path))
    bandwidth = measured["memory_bandwidth"]["best_gb_s"] * 1e9
    read_per_token = weights["safetensors"]
    without_embedding = read_per_token - (
        0 if weights["tied_embeddings"] else weights["input_embedding"]
    )
    result = {
        "machine": machine(),
        **measured,
        "model": ctx.settings.llm.base_model_name,
        "weight_bytes": weights,
        "decode_bound_tok_s": bandwidth / read_per_token,
        "decode_bound_without_embedding_tok_s": bandwidth / without_embedding,
        "bound_method": (
            "best copy bandwidth (2 x buffer bytes / time, all threads) / safetensors bytes "
            "(every weight read once per decode step; KV-cache reads ignored: short contexts)"
        ),
    }
    ctx.save("physical", result)
    return result
