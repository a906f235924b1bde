"""LoRA arithmetic on vLLM's CPU build, v3: grouped as in v1, plus caches its writers invalidate.

Why: v1 (grouped_lora.py) still pays three costs per call, 7 projections × 24 layers × 2 per
step (benchmarks/README.md, "A LoRA plugin v2"): the rank-8 expand as a bf16 matmul with an
inner size of 8 (several times slower than fp32 on this CPU), `torch.unique` on the token
indices (~40 µs, once per call where once per step would do), and tokens without an adapter
multiplied by the empty vllm#48421 slot's zeros. v2 cached an fp32 copy of the stacks keyed on
tensor version counters; vLLM makes the stacks under `torch.inference_mode`, where tensors have
no version counter, so it converted on every call and was slower on the server.

v3 keys nothing on versions. Its caches are emptied by the only code that writes what they are
derived from: the LoRA layers' `set_lora` / `reset_lora` (an adapter loaded into or cleared from
a slot: fp32 copies, empty slots) and the punica wrapper's `update_metadata` (each step's token
indices: the slots in use and their rows). `register` wraps those methods on every class that
defines them. An entry holds its tensor, so a tensor's address is never handed to another while
its entry exists.

Same sums as v1 and vLLM's ops (tests/unit/test_vllm_plugins.py): the shrink in fp32 as they do;
the expand rounds its input to the output dtype and its product back to it before adding, as a
bf16 matmul would, but multiplies in fp32 (exact copies of the bf16 weights).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, cast

import torch

from trip_genius_vllm_plugins.grouped_lora import expand_into

log = logging.getLogger(__name__)
T = TypeVar("T")
MAX_INDEX_ENTRIES = 64  # prefill's per-call index tensors: bounded between metadata updates
# what writes the stacked weights these ops read (the classifier's full weights go through
# bgmv_shrink too, written by its *_module_to_save)
WEIGHT_WRITERS = ("set_lora", "reset_lora", "set_module_to_save", "reset_module_to_save")


class DerivedCache:
    """Values derived from tensors, kept until `clear` (called by the tensors' writers)."""

    def __init__(self, max_entries: int | None = None) -> None:
        self._entries: dict[tuple[object, ...], tuple[torch.Tensor, object]] = {}
        self._max_entries = max_entries
        self.misses = 0

    def get(self, tensor: torch.Tensor, kind: object, make: Callable[[], T]) -> T:
        key = (tensor.data_ptr(), tuple(tensor.shape), tuple(tensor.stride()), tensor.dtype, kind)
        hit = self._entries.get(key)
        if hit is not None:
            return cast(T, hit[1])
        if self._max_entries is not None and len(self._entries) >= self._max_entries:
            self._entries.clear()
        self.misses += 1
        value = make()
        self._entries[key] = (tensor, value)  # the tensor kept: its address cannot be reused
        return value

    def clear(self) -> None:
        self._entries.clear()


weights_cache = DerivedCache()  # emptied by set_lora / reset_lora
indices_cache = DerivedCache(MAX_INDEX_ENTRIES)  # emptied by update_metadata


def weights_written() -> None:
    weights_cache.clear()


def indices_written() -> None:
    indices_cache.clear()


def _stack(weights: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """The slot-stacked weights as [slots, out, in] in `dtype`, converted once per load."""

    def convert() -> torch.Tensor:
        w = weights.squeeze(dim=1) if weights.dim() == 4 else weights
        return w if w.dtype == dtype else w.to(dtype=dtype)

    return weights_cache.get(weights, dtype, convert)


def _empty_slots(weights: torch.Tensor) -> frozenset[int]:
    """Slots holding zeros only (the vllm#48421 slot base-model tokens read), as indices >= 0."""

    def find() -> frozenset[int]:
        flat = weights.reshape(weights.shape[0], -1)
        return frozenset(torch.nonzero(~flat.any(dim=1)).flatten().tolist())

    return weights_cache.get(weights, "empty", find)


def _groups(indices: torch.Tensor) -> tuple[list[int], dict[int, torch.Tensor]]:
    """The slots the tokens use (as stored, -1 included) and each one's rows, once per step."""

    def find() -> tuple[list[int], dict[int, torch.Tensor]]:
        slots = torch.unique(indices).tolist()
        if len(slots) == 1:
            return slots, {}
        return slots, {u: torch.nonzero(indices == u).flatten() for u in slots}

    return indices_cache.get(indices, "groups", find)


def lora_product(
    inputs: torch.Tensor, weights: torch.Tensor, indices: torch.Tensor, dtype: torch.dtype
) -> torch.Tensor | None:
    """Row t is inputs[t] @ weights[indices[t]].T in `dtype`; None when every row reads zeros.

    The same matmuls as v1 on the same rows (so the same values): only what is derived from
    the weights and indices is cached, and rows on an all-zero slot are left out.
    """
    stack = _stack(weights, dtype)
    empty = _empty_slots(weights)
    slots, rows = _groups(indices)
    count = stack.shape[0]
    live = [u for u in slots if u % count not in empty]  # -1 reads the last slot, as in vLLM
    if not live:
        return None
    x = inputs.to(dtype=dtype)
    if len(slots) == 1:
        return x @ stack[live[0]].T
    out = x.new_zeros((x.shape[0], stack.shape[1]))
    for u in live:
        out.index_copy_(0, rows[u], x.index_select(0, rows[u]) @ stack[u].T)
    return out


def bgmv_shrink(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    scaling: float = 1.0,
) -> None:
    dtype = output_tensor.dtype
    outputs = lora_product(inputs, lora_b_weights, lora_indices_tensor, dtype)
    rank = _stack(lora_b_weights, dtype).shape[1]
    if outputs is None:
        output_tensor[:, :rank] = 0
    else:
        output_tensor[:, :rank] = scaling * outputs


def bgmv_expand(
    inputs: torch.Tensor,
    lora_b_weights: torch.Tensor,
    output_tensor: torch.Tensor,
    lora_indices_tensor: torch.Tensor,
    add_inputs: bool = True,
) -> None:
    dtype = output_tensor.dtype
    outputs = lora_product(inputs, lora_b_weights, lora_indices_tensor, dtype)
    common_len = min(_stack(lora_b_weights, dtype).shape[1], output_tensor.shape[1])
    if outputs is None:
        if not add_inputs:
            output_tensor[:, :common_len] = 0
        return
    expand_into(output_tensor, outputs, common_len, add_inputs)


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
    outputs = lora_product(inputs, lora_b_weights, lora_indices_tensor, dtype)
    target = output_tensor[:, slice_offset : slice_offset + slice_size]
    if outputs is None:
        if not add_inputs:
            target.zero_()
        return
    if add_inputs:
        target += outputs
    else:
        target.copy_(outputs)


# --- one LoRA linear layer (all its slices) per call: far fewer torch ops per step ------------


def _step_groups(wrapper: Any) -> tuple[list[int], dict[int, torch.Tensor]]:
    """Each token's slot for this step, grouped, from the wrapper's metadata (once per step).

    As vLLM's CPU ops read them: the prefill metadata exploded per token (vLLM's CPU model runner
    always sets is_prefill), else the decode indices.
    """
    key = wrapper._token_lora_indices  # written, with the rest of the metadata, by update_metadata

    def find() -> tuple[list[int], dict[int, torch.Tensor]]:
        if wrapper.is_prefill:
            _starts, lengths, slots, *_ = wrapper.prefill_metadata
            indices = torch.repeat_interleave(slots, lengths)
        else:
            indices = wrapper.token_lora_indices
        return _groups(indices.clone())

    return indices_cache.get(key, ("step", wrapper.is_prefill), find)


def _live_slots(slots: list[int], lora_b: tuple[torch.Tensor, ...], count: int) -> list[int]:
    """Slots whose B is not all zeros in some slice (-1 reads the last, as in vLLM)."""
    empty = frozenset.intersection(*(_empty_slots(b) for b in lora_b))
    return [u for u in slots if u % count not in empty]


def add_lora_linear(
    wrapper: Any,
    y: torch.Tensor,
    x: torch.Tensor,
    lora_a_stacked: tuple[torch.Tensor, ...],
    lora_b_stacked: tuple[torch.Tensor, ...],
    scale: float,
    output_slices: tuple[int, ...],
    *,
    buffer: tuple[torch.Tensor, ...] | None = None,
    **kwargs: Any,
) -> None:
    """PunicaWrapperCPU.add_lora_linear with the same matmuls on the same rows, fewer ops around.

    vLLM's version runs each slice (q, k, v; gate, up) through shrink and expand separately, and
    each of those re-explodes the indices, finds the slots, converts x and the stacked A, and
    allocates a buffer: ~20 torch ops per slice, each a parallel region on CPU. Here the slots
    and rows come once per step, x is converted once per layer, the A stacks once per load, and
    per slice only the shrink matmul, its rounding, the expand matmul and the add remain.
    """
    if buffer is not None or kwargs.get("add_inputs", True) is not True:
        return ORIGINAL_ADD_LORA_LINEAR(
            wrapper, y, x, lora_a_stacked, lora_b_stacked, scale, output_slices,
            buffer=buffer, **kwargs,
        )  # fmt: skip
    if wrapper.is_prefill and wrapper.no_lora:
        return None  # no token has an adapter: vLLM adds nothing either
    x = x.view(-1, x.shape[-1])
    y = y.view(-1, y.shape[-1])
    slots, rows = _step_groups(wrapper)
    count = lora_b_stacked[0].shape[0]
    live = _live_slots(slots, lora_b_stacked, count)
    if not live:
        return None
    a32 = [_stack(a, torch.float32) for a in lora_a_stacked]
    b = [_stack(w, y.dtype) for w in lora_b_stacked]
    x32 = x.to(dtype=torch.float32)
    single = len(slots) == 1
    for u in live:
        xu = x32 if single else x32.index_select(0, rows[u])
        offset = 0
        for a_i, b_i, size in zip(a32, b, output_slices, strict=True):
            h = xu @ a_i[u].T
            if scale != 1.0:
                h = scale * h
            d = h.to(dtype=y.dtype) @ b_i[u].T
            target = y[:, offset : offset + size]
            if single:
                target += d
            else:
                target.index_add_(0, rows[u], d)
            offset += size
    return None


ORIGINAL_ADD_LORA_LINEAR: Callable[..., Any]


# --- the writers' hooks ----------------------------------------------------------------------


def _classes(root: type) -> Iterator[type]:
    yield root
    subclasses: list[type] = root.__subclasses__()
    for sub in subclasses:
        yield from _classes(sub)


def _after(method: Callable[..., Any], hook: Callable[[], None]) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        finally:
            hook()

    wrapped.__wrapped__ = method  # type: ignore[attr-defined]
    wrapped.__name__ = getattr(method, "__name__", "wrapped")
    wrapped.trip_genius_hook = hook  # type: ignore[attr-defined]
    return wrapped


def hook_writers(root: type, names: tuple[str, ...], hook: Callable[[], None]) -> int:
    """Call `hook` after each of `names` on `root` and its subclasses (where each defines it)."""
    wrapped = 0
    for cls in set(_classes(root)):
        for name in names:
            method = cls.__dict__.get(name)
            if method is None or getattr(method, "trip_genius_hook", None) is hook:
                continue
            setattr(cls, name, _after(method, hook))
            wrapped += 1
    return wrapped


def install_hooks() -> int:
    """Empty the caches whenever vLLM writes LoRA weights or token indices."""
    import vllm.lora.layers  # noqa: F401  (every LoRA layer class defined before walking them)
    from vllm.lora.layers.base import BaseLayerWithLoRA
    from vllm.lora.punica_wrapper.punica_base import PunicaWrapperBase
    from vllm.lora.punica_wrapper.punica_cpu import PunicaWrapperCPU

    global ORIGINAL_ADD_LORA_LINEAR
    if not hasattr(PunicaWrapperCPU.add_lora_linear, "trip_genius"):
        ORIGINAL_ADD_LORA_LINEAR = PunicaWrapperCPU.add_lora_linear
        add_lora_linear.trip_genius = True  # type: ignore[attr-defined]
        PunicaWrapperCPU.add_lora_linear = add_lora_linear
    n = hook_writers(BaseLayerWithLoRA, WEIGHT_WRITERS, weights_written)
    n += hook_writers(PunicaWrapperBase, ("update_metadata",), indices_written)
    if PunicaWrapperCPU not in set(_classes(PunicaWrapperBase)):  # pragma: no cover
        raise RuntimeError("PunicaWrapperCPU is not a PunicaWrapperBase: hooks would miss it")
    return n
