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
# the adapter's own arithmetic (shrink/expand), as opposed to the base GEMM its layer wraps
PUNICA = "PunicaWrapperCPU.add_lora"


def frame_name(frame: str) -> str:
    """'bgmv_shrink (vllm/lora/ops/torch_ops/lora_ops.py:42)' without the line number."""
    return LINE.sub(")", frame.strip())


def fold(lines: Iterable[str], top: int = 12) -> dict[str, Any]:
    """py-spy's raw (collapsed) stacks → shares of the model step, LoRA frames, leaves.

    A model step is a stack through `execute_model`; a LoRA frame is one in vLLM's `vllm/lora/`
    package (the first frame names the process, whose command line may mention LoRA too).
    """
    total = step = lora = punica = 0
    leaves: Counter[str] = Counter()
    lora_frames: Counter[str] = Counter()
    for line in lines:
        stack, _, count_text = line.rstrip("\n").rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = [frame_name(f) for f in stack.split(";")[1:]]
        total += count
        if not any(".execute_model (" in f for f in frames):
            continue
        step += count
        leaves[frames[-1]] += count
        in_lora = list(dict.fromkeys(f for f in frames if "(vllm/lora/" in f))
        if in_lora:
            lora += count
            for f in in_lora:
                lora_frames[f] += count
        if any(f.startswith(PUNICA) for f in frames):
            punica += count
    return {
        "samples": total,
        "model_step_samples": step,
        "lora_layer_samples": lora,
        "lora_math_samples": punica,
        "lora_math_share_of_step": punica / step if step else None,
        "top_leaves_in_step": leaves.most_common(top),
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
