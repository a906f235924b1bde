"""LoRA arithmetic on vLLM's CPU build: one matmul per adapter in the batch, not one per token.

Why: vLLM's CPU LoRA path (vllm/lora/ops/torch_ops/lora_ops.py) gathers a copy of the adapter's
A or B matrix for every token (`weights[lora_indices]`) and multiplies token by token with
`einsum` — 7 projections × 24 layers × 2 per step. A py-spy profile put 56 % of a LoRA decode
step there (benchmarks/README.md). A batch uses a handful of adapters at most, so grouping the
tokens by adapter gives the same sums with one dense matmul per adapter: `x[tokens of u] @ W[u].T`.

Same semantics as the functions replaced, including what index -1 (a request without an adapter)
reads: the last slot, which serving/vllm_server.py keeps empty (vllm#48421). Results match the
originals to bf16 rounding (tests/unit/test_vllm_plugins.py). Loaded by vLLM in each of its
processes; patching twice is harmless. Set VLLM_PLUGINS to a name that is not this one (e.g.
"none") to run vLLM's own arithmetic, as the benchmark's A/B does.

Two versions: this module's ("grouped", v1) and cached_lora.py's ("cached", v3: fp32 copies and
per-step groups, emptied by vLLM's writers). TG_VLLM_LORA_OPS picks one; serving/vllm_server.py
sets it from the `vllm.lora_ops` setting (the plugin runs in vLLM's processes, which only see
their environment).
"""

from __future__ import annotations

import importlib
import logging
import os

import torch

log = logging.getLogger(__name__)

PATCHED = ("bgmv_shrink", "bgmv_expand", "bgmv_expand_slice")
VARIANT_ENV = "TG_VLLM_LORA_OPS"
DEFAULT_VARIANT = "grouped"
# Modules that bound the originals by name at import time.
HOLDERS = (
    "vllm.lora.ops.torch_ops.lora_ops",  # the sgmv_* functions call bgmv_* through these globals
    "vllm.lora.ops.torch_ops",
    "vllm.lora.punica_wrapper.punica_cpu",
)


def _stacked(weights: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    w = weights.squeeze(dim=1) if weights.dim() == 4 else weights
    return w if w.dtype == dtype else w.to(dtype=dtype)


def per_adapter_matmul(
    inputs: torch.Tensor, weights: torch.Tensor, indices: torch.Tensor
) -> torch.Tensor:
    """Row t of the result is inputs[t] @ weights[indices[t]].T."""
    adapters = torch.unique(indices)
    if adapters.numel() == 1:
        return inputs @ weights[adapters[0]].T
    out = inputs.new_empty((inputs.shape[0], weights.shape[1]))
    for u in adapters.tolist():
        rows = indices == u
        out[rows] = inputs[rows] @ weights[u].T
    return out


def bgmv_shrink(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    scaling: float = 1.0,
) -> None:
    dtype = output_tensor.dtype
    outputs = per_adapter_matmul(
        inputs.to(dtype=dtype), _stacked(lora_b_weights, dtype), lora_indices_tensor
    )
    output_tensor[:, : outputs.shape[1]] = scaling * outputs[:]


def bgmv_expand(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    add_inputs: bool = True,
) -> None:
    dtype = output_tensor.dtype
    outputs = per_adapter_matmul(
        inputs.to(dtype=dtype), _stacked(lora_b_weights, dtype), lora_indices_tensor
    )
    # LoRA adapter and model may add different amounts of padding to output
    expand_into(output_tensor, outputs, min(outputs.shape[1], output_tensor.shape[1]), add_inputs)


def expand_into(
    output_tensor: torch.Tensor, outputs: torch.Tensor, common_len: int, add_inputs: bool
) -> None:
    """vLLM's write-back of an expand (one row broadcast to all, padding cut), shared by v1/v3."""
    limit = output_tensor.shape[0]
    if outputs.shape[0] == 1 and output_tensor.shape[0] != 1:
        limit = 1
    if add_inputs:
        output_tensor[:, :common_len] += outputs[:limit, :common_len]
    else:
        output_tensor[:, :common_len] = outputs[:limit, :common_len]


def bgmv_expand_slice(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    slice_offset: int,
    slice_size: int,
    add_inputs: bool = True,
) -> None:
    dtype = output_tensor.dtype
    outputs = per_adapter_matmul(
        inputs.to(dtype=dtype), _stacked(lora_b_weights, dtype), lora_indices_tensor
    )
    if add_inputs:
        output_tensor[:, slice_offset : slice_offset + slice_size] += outputs[:]
    else:
        output_tensor[:, slice_offset : slice_offset + slice_size] = outputs[:]


def register() -> None:
    from vllm.platforms import current_platform

    if not current_platform.is_cpu():  # GPUs run vLLM's own kernels
        return
    variant = os.environ.get(VARIANT_ENV, DEFAULT_VARIANT)
    if variant == "cached":
        from trip_genius_vllm_plugins import cached_lora

        source: dict[str, object] = vars(cached_lora)
        hooked = cached_lora.install_hooks()
        log.info("trip-genius: %d LoRA weight/index writers empty the v3 caches", hooked)
    elif variant == "grouped":
        source = globals()
    else:
        raise ValueError(f"{VARIANT_ENV}={variant!r}: expected 'grouped' or 'cached'")
    for name in HOLDERS:
        module = importlib.import_module(name)
        for fn in PATCHED:
            setattr(module, fn, source[fn])
    log.info("trip-genius: %s CPU LoRA arithmetic in use (%s)", variant, ", ".join(PATCHED))
