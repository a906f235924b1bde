"""Plots of the results (matplotlib lives in vLLM's venv): python -m … plot series.json out.png

series: {"title", "vllm": [[c, tok_s, tpot_ms], ...], "static": [[b, tok_s, tpot_ms], ...],
         "pipeline": [1, tok_s, tpot_ms] | null, "knee": c | null, "decode_bound": tok_s | null}
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def main() -> None:
    s = json.loads(Path(sys.argv[1]).read_text("utf-8"))
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    v = s["vllm"]
    left.plot([r[0] for r in v], [r[1] for r in v], "o-", label="vLLM (continuous batching)")
    if s.get("static"):
        st = s["static"]
        left.plot([r[0] for r in st], [r[1] for r in st], "s--", label="transformers static batch")
    if s.get("pipeline"):
        left.plot([1], [s["pipeline"][1]], "x", ms=10, label="transformers one at a time")
    if s.get("knee"):
        left.axvline(s["knee"], color="grey", ls=":", label=f"knee (c={s['knee']})")
    if s.get("decode_bound"):
        left.axhline(s["decode_bound"], color="red", ls=":", lw=1, label="1-stream decode bound")
    left.set_xscale("log", base=2)
    left.set_xlabel("concurrency / batch size")
    left.set_ylabel("output tokens/s (aggregate)")
    left.set_title("Throughput")
    left.legend(fontsize=8)
    right.plot([r[0] for r in v], [r[2] for r in v], "o-", label="vLLM TPOT p50")
    if s.get("static"):
        right.plot([r[0] for r in st], [r[2] for r in st], "s--", label="static batch TPOT p50")
    right.set_xscale("log", base=2)
    right.set_xlabel("concurrency / batch size")
    right.set_ylabel("ms per output token")
    right.set_title("Time per output token")
    right.legend(fontsize=8)
    fig.suptitle(s["title"], fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=110)


if __name__ == "__main__":
    main()
