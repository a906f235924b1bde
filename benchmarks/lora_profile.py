"""Where a decode step spends its time with and without the LoRA: py-spy samples of the vLLM
server (its engine process included) while a c=16 load of one model runs, folded by frame.

py-spy is not a dependency of the app: pass its binary with `--py-spy` (e.g. from
`uv tool install py-spy`); without it the profile is skipped and said so.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

LINE = re.compile(r":\d+\)$")


def frame_name(frame: str) -> str:
    """'bgmv_shrink (vllm/lora/ops/torch_ops/lora_ops.py:42)' without the line number."""
    return LINE.sub(")", frame.strip())


def fold(lines: Iterable[str], top: int = 12) -> dict[str, Any]:
    """py-spy's raw (collapsed) stacks → shares of the model's forward pass, LoRA frames, leaves."""
    total = forward = lora = 0
    leaves: Counter[str] = Counter()
    lora_frames: Counter[str] = Counter()
    for line in lines:
        stack, _, count_text = line.rstrip("\n").rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [frame_name(f) for f in stack.split(";")]
        total += count
        if not any(f.startswith("forward (") for f in frames):
            continue
        forward += count
        leaves[frames[-1]] += count
        in_lora = list(dict.fromkeys(f for f in frames if "/lora/" in f))
        if in_lora:
            lora += count
            for f in in_lora:
                lora_frames[f] += count
    return {
        "samples": total,
        "forward_samples": forward,
        "lora_samples": lora,
        "lora_share_of_forward": lora / forward if forward else None,
        "top_leaves_in_forward": leaves.most_common(top),
        "top_lora_frames": lora_frames.most_common(top),
    }


def record(py_spy: Path, pid: int, seconds: float, out: Path) -> list[str]:
    """Sample the server and its children (the engine core) for `seconds` at 50 Hz."""
    subprocess.run(
        [str(py_spy), "record", "--pid", str(pid), "--subprocesses", "--nonblocking",
         "--duration", str(int(seconds)), "--rate", "50", "--format", "raw", "--output", str(out)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return out.read_text("utf-8").splitlines()
