"""What the box can do at most: memory bandwidth (a large copy) and matmul FLOP/s per dtype.

Usage (inside vLLM's venv): python -m benchmarks.venv_scripts.physical '{"threads": 2,
"copy_mib": 1024, "matmul_n": 2048, "seconds": 1.0}' out.json
A copy reads and writes every byte, so bandwidth counts 2x the buffer; the best of several
repetitions is reported (the box is shared; the best is closest to what the hardware allows).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import torch


def copy_bandwidth(mib: int, reps: int = 7) -> dict[str, float]:
    src = torch.ones(mib * 1024 * 1024 // 4, dtype=torch.float32)
    dst = torch.empty_like(src)
    dst.copy_(src)  # touch every page before timing
    rates = []
    for _ in range(reps):
        t = time.perf_counter()
        dst.copy_(src)
        rates.append(2 * src.numel() * 4 / (time.perf_counter() - t))
    return {"best_gb_s": max(rates) / 1e9, "median_gb_s": statistics.median(rates) / 1e9}


def matmul_flops(n: int, dtype: torch.dtype, seconds: float) -> float:
    a, b = torch.randn(n, n, dtype=dtype), torch.randn(n, n, dtype=dtype)
    for _ in range(2):
        a @ b
    reps, t = 0, time.perf_counter()
    while time.perf_counter() - t < seconds:
        a @ b
        reps += 1
    return 2 * n**3 * reps / (time.perf_counter() - t)


def main() -> None:
    plan = json.loads(sys.argv[1])
    torch.set_num_threads(int(plan["threads"]))
    result = {
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "copy_mib": plan["copy_mib"],
        "memory_bandwidth": copy_bandwidth(int(plan["copy_mib"])),
        "matmul_n": plan["matmul_n"],
        "matmul_gflop_s": {
            name: matmul_flops(int(plan["matmul_n"]), dtype, float(plan["seconds"])) / 1e9
            for name, dtype in (("bf16", torch.bfloat16), ("fp32", torch.float32))
        },
    }
    Path(sys.argv[2]).write_text(json.dumps(result), "utf-8")


if __name__ == "__main__":
    main()
