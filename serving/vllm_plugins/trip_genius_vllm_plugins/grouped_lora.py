"""LoRA arithmetic on vLLM's CPU build: one matmul per adapter in the batch, not one per token.

Why: vLLM's CPU LoRA path (vllm/lora/ops/torch_ops/lora_ops.py) gathers a copy of the adapter's
A or B matrix for every token (`weights[lora_indices]`) and multiplies token by token with
`einsum` — 7 projections × 24 layers × 2 per step. A py-spy profile put 56 % of a LoRA decode
step there (benchmarks/README.md). A batch uses a handful of adapters at most, so grouping the
tokens by adapter gives the same sums with one dense matmul per adapter: `x[tokens of u] @ W[u].T`.

Three more savings, each measured on this CPU: the slots a step's tokens use are found once per
step (the indices tensor is written once per step), not once per projection; the rank-8 expand
runs in fp32 on a cached fp32 copy of B (bf16 matmuls with an inner size of 8 are several times
slower than fp32 here, and vLLM's shrink buffer is fp32 already); and a slot holding no adapter —
the empty slot that base-model tokens read — is skipped instead of multiplied by zeros.

Same semantics as the functions replaced, including what index -1 (a request without an adapter)
reads: the last slot, which serving/vllm_server.py keeps empty (vllm#48421). Results match the
originals to bf16 rounding (tests/unit/test_vllm_plugins.py). Loaded by vLLM in each of its
processes; patching twice is harmless. Set VLLM_PLUGINS to a name that is not this one (e.g.
"none") to run vLLM's own arithmetic, as the benchmark's A/B does.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import TypeVar, cast

import torch

log = logging.getLogger(__name__)
T = TypeVar("T")

PATCHED = ("bgmv_shrink", "bgmv_expand", "bgmv_expand_slice")
# Modules that bound the originals by name at import time.
HOLDERS = (
    "vllm.lora.ops.torch_ops.lora_ops",  # the sgmv_* functions call bgmv_* through these globals
    "vllm.lora.ops.torch_ops",
    "vllm.lora.punica_wrapper.punica_cpu",
)


class _PerTensorCache:
    """Values derived from a tensor, kept until the tensor is written to.

    vLLM writes adapter weights into their slots and each step's token indices in place
    (`copy_`, `=`), which bumps the tensor's version counter; a derived value is reused while the
    version holds. The entry keeps the tensor alive, so its address cannot be handed to another
    tensor while the entry exists. Tensors without a version counter (made under
    `torch.inference_mode`) are never cached.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[object, ...], tuple[torch.Tensor, int, object]] = {}
        self.uncached = False

    def get(self, tensor: torch.Tensor, kind: object, make: Callable[[], T]) -> T:
        try:
            version = tensor._version
        except RuntimeError:  # an inference tensor: no version counter to trust
            if not self.uncached:
                self.uncached = True
                log.warning("trip-genius: LoRA weights without a version counter; not cached")
            return make()
        key = (tensor.data_ptr(), tuple(tensor.shape), tuple(tensor.stride()), tensor.dtype, kind)
        hit = self._entries.get(key)
        if hit is not None and hit[1] == version:
            return cast(T, hit[2])
        value = make()
        self._entries[key] = (tensor, version, value)
        return value


_cache = _PerTensorCache()


def _stacked(weights: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The slot-stacked weights as [slots, out, in] in `dtype` (converted once per load)."""

    def convert() -> torch.Tensor:
        w = weights.squeeze(dim=1) if weights.dim() == 4 else weights
        return w if w.dtype == dtype else w.to(dtype=dtype)

    return _cache.get(weights, dtype, convert)


def _empty_slots(weights: torch.Tensor) -> frozenset[int]:
    """Slots holding no adapter (all zeros): the vllm#48421 slot that base-model tokens read."""

    def find() -> frozenset[int]:
        flat = weights.reshape(weights.shape[0], -1)
        return frozenset(torch.nonzero(~flat.any(dim=1)).flatten().tolist())

    return _cache.get(weights, "empty", find)


def _adapters(indices: torch.Tensor) -> list[int]:
    """The slots this step's tokens use: once per step, not once per projection."""
    return _cache.get(indices, "unique", lambda: torch.unique(indices).tolist())


def per_adapter_matmul(
    inputs: torch.Tensor, weights: torch.Tensor, indices: torch.Tensor, empty: frozenset[int]
) -> torch.Tensor | None:
    """Row t of the result is inputs[t] @ weights[indices[t]].T; None when every row is zero."""
    adapters = [u for u in _adapters(indices) if u not in empty]
    if not adapters:
        return None
    if len(adapters) == 1 and len(_adapters(indices)) == 1:
        return inputs @ weights[adapters[0]].T
    out = inputs.new_zeros((inputs.shape[0], weights.shape[1]))
    for u in adapters:
        rows = indices == u
        out[rows] = inputs[rows] @ weights[u].T
    return out


def _lora_product(
    inputs: torch.Tensor, lora_weights: torch.Tensor, indices: torch.Tensor, dtype: torch.dtype
) -> torch.Tensor | None:
    # The empty-slot test uses the stored slot index; -1 reads the last slot, as in vLLM.
    stacked = _stacked(lora_weights, dtype)
    empty = _empty_slots(lora_weights)
    last = stacked.shape[0] - 1
    empty = empty | {-1} if last in empty else empty
    return per_adapter_matmul(inputs.to(dtype=dtype), stacked, indices, empty)


def bgmv_shrink(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    scaling: float = 1.0,
) -> None:
    outputs = _lora_product(inputs, lora_b_weights, lora_indices_tensor, output_tensor.dtype)
    if outputs is None:
        output_tensor[:, : _stacked(lora_b_weights, output_tensor.dtype).shape[1]] = 0
        return
    output_tensor[:, : outputs.shape[1]] = scaling * outputs[:]


def bgmv_expand(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    add_inputs: bool = True,
) -> None:
    # In fp32 (vLLM's shrink buffer is fp32): a rank-8 bf16 matmul is several times slower here.
    outputs = _lora_product(inputs, lora_b_weights, lora_indices_tensor, torch.float32)
    common_len = min(_stacked(lora_b_weights, torch.float32).shape[1], output_tensor.shape[1])
    if outputs is None:
        if not add_inputs:
            output_tensor[:, :common_len] = 0
        return
    limit = output_tensor.shape[0]
    if outputs.shape[0] == 1 and output_tensor.shape[0] != 1:
        limit = 1
    # LoRA adapter and model may add different amounts of padding to output
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
    outputs = _lora_product(inputs, lora_b_weights, lora_indices_tensor, torch.float32)
    target = output_tensor[:, slice_offset : slice_offset + slice_size]
    if outputs is None:
        if not add_inputs:
            target.zero_()
        return
    if add_inputs:
        target += outputs[:]
    else:
        target.copy_(outputs[:])


def register() -> None:
    from vllm.platforms import current_platform

    if not current_platform.is_cpu():  # GPUs run vLLM's own kernels
        return
    for name in HOLDERS:
        module = importlib.import_module(name)
        for fn in PATCHED:
            setattr(module, fn, globals()[fn])
    log.info("trip-genius: grouped CPU LoRA arithmetic in use (%s)", ", ".join(PATCHED))
