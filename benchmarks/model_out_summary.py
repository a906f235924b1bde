"""The API's overhead with the model taken out, for summary.json, from the files that measured it.

`python -m benchmarks.api_overhead` writes one results file per run: `api_overhead.json`, or
`api_overhead_<label>.json` with `--out`. Each side of each file gives one key: the file's last
side (the change being measured) `api_ttft_overhead_model_out_ms_p50[_<label>]_spread`, the
others the same with `_<side>` added. A run's context (date, load, niceness, checkouts) goes
into the figure's `what`, so a hand-made summary entry is never needed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

KEY = "api_ttft_overhead_model_out_ms_p50"


def _label(path: Path) -> str:
    suffix = path.stem.removeprefix("api_overhead")
    return re.sub(r"[^0-9a-zA-Z]+", "_", suffix).strip("_").lower()


def _what(path: Path, run: dict[str, Any], side: str, checkout: str) -> str:
    load = run.get("load_average_at_start")
    load_text = f"load {load[0]:.1f}" if load else "load not recorded"
    return (
        "TTFT via /chat - direct TTFT to a stand-in model server that streams at once; model "
        f"turns only; benchmarks/results/{path.name}, {run.get('date')}, nice -n "
        f"{run.get('niceness')}, {load_text} at start, {run.get('questions')} questions x "
        f"{run.get('repeats')}; side {side} = {checkout}"
    )


def model_out_overheads(results_dir: Path) -> dict[str, Any]:
    """Every side of every api_overhead*.json in `results_dir`, keyed as the module says."""
    figures: dict[str, Any] = {}
    for path in sorted(results_dir.glob("api_overhead*.json")):
        run = json.loads(path.read_text("utf-8"))
        label = _label(path)
        sides = list(run.get("sides", {}).items())
        for i, (side, data) in enumerate(sides):
            spread = data.get("overhead_ms_p50_spread")
            if spread is None:
                continue
            parts = [KEY, label, "" if i == len(sides) - 1 else side, "spread"]
            key = "_".join(p for p in parts if p)
            figures[key] = {"what": _what(path, run, side, data.get("checkout", "")), **spread}
            if cpu := data.get("api_cpu_ms_per_turn_spread"):
                figures[key]["api_cpu_ms_per_turn"] = cpu
    return figures
