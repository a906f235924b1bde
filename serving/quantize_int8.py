"""Write an int8 copy of a bf16 checkpoint that vLLM's CPU build serves with its int8 kernels.

Why: one decode step reads every weight once, so single-stream speed on this CPU is bounded by
weight bytes (benchmarks/README.md, "decode bound"). Per-output-channel symmetric int8 weights
halve those bytes; vLLM reads the folder as a compressed-tensors "int-quantized" W8A8 checkpoint
(activations quantised per token at run time, no calibration data needed) and runs it with
oneDNN's int8 GEMM (CPUInt8ScaledMMLinearKernel). The medical-expert adapter, trained on the bf16
weights, is applied on top unchanged. vLLM's online fp8 (`--quantization fp8_per_channel`) has
no fast CPU kernel: the first request timed out (benchmarks/README.md).

Runs inside the vLLM virtualenv (torch, safetensors). A marker file written last makes a
half-finished folder visibly unusable.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file

MARKER = "trip-genius-int8.json"
WEIGHTS = "model.safetensors"
# Every projection of a Qwen2 decoder layer and the output head; embeddings stay bf16 (a lookup
# reads one row per token, not the matrix).
QUANTISED = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj", "lm_head")
QUANTIZATION_CONFIG = {
    "quant_method": "compressed-tensors",
    "format": "int-quantized",
    "quantization_status": "compressed",
    "config_groups": {
        "group_0": {
            "targets": ["Linear", "re:.*lm_head"],
            "weights": {
                "num_bits": 8,
                "type": "int",
                "symmetric": True,
                "strategy": "channel",
                "dynamic": False,
            },
            "input_activations": {
                "num_bits": 8,
                "type": "int",
                "symmetric": True,
                "strategy": "token",
                "dynamic": True,
            },
        }
    },
    "ignore": [],
}


def is_quantised(name: str) -> bool:
    parts = name.split(".")
    return len(parts) >= 2 and parts[-1] == "weight" and parts[-2] in QUANTISED


def quantise_rows(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric per-row int8 (range ±127, so negation is exact) and its float32 scale column."""
    w = weight.float()
    scale = w.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127.0
    return torch.round(w / scale).clamp(-127, 127).to(torch.int8), scale


def quantise_state(state: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    out: dict[str, torch.Tensor] = {}
    for name, tensor in state.items():
        if is_quantised(name):
            q, scale = quantise_rows(tensor)
            out[name] = q
            out[name.removesuffix("weight") + "weight_scale"] = scale
        else:
            out[name] = tensor
    return out


def convert(src: Path, out: Path) -> None:
    if (out / MARKER).exists():
        return
    if not (src / WEIGHTS).exists():
        raise SystemExit(f"{src} has no single {WEIGHTS} to quantise (sharded: not supported)")
    config = json.loads((src / "config.json").read_text())
    if "quantization_config" in config:
        raise SystemExit(f"{src} is already quantised ({config['quantization_config']!r})")
    tmp = out.with_name(out.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for f in src.iterdir():
        if f.is_file() and f.name != WEIGHTS:
            shutil.copy(f, tmp / f.name)
    save_file(quantise_state(load_file(src / WEIGHTS)), tmp / WEIGHTS, metadata={"format": "pt"})
    config["quantization_config"] = QUANTIZATION_CONFIG
    (tmp / "config.json").write_text(json.dumps(config, indent=2))
    (tmp / MARKER).write_text(json.dumps({"source": str(src), "scheme": "W8A8 int8 per channel"}))
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--src", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    convert(args.src, args.out)
    print(args.out)


if __name__ == "__main__":
    main()
