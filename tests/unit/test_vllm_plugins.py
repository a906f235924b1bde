"""Our vLLM plugin (serving/vllm_plugins): the grouped CPU LoRA arithmetic must give what vLLM's
own per-token arithmetic gives, for one adapter, a mixed batch, and requests without an adapter
(index -1 reads the last slot, as in vLLM), and vLLM must load it. Runs in vLLM's venv."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import serving.prepare as prepare
from config.settings import Settings
from tests.unit.vllm_venv import run_json

COMPARE = textwrap.dedent(
    """
    import json, sys
    import torch
    sys.path.insert(0, sys.argv[1])
    from trip_genius_vllm_plugins import grouped_lora as ours
    from vllm.lora.ops.torch_ops import lora_ops as theirs
    torch.manual_seed(0)
    bf16, worst = torch.bfloat16, {}
    def rel(a, b):
        return float((a.float() - b.float()).abs().max() / b.float().abs().max().clamp(min=1e-6))
    def _y(fns, a, b, x, idx):
        h = torch.zeros(x.shape[0], 8)
        fns.bgmv_shrink(x, a, h, idx, 1.0)
        y = torch.ones(x.shape[0], 200, dtype=bf16)
        fns.bgmv_expand_slice(h, b, y, idx, 50, 96, True)
        return y.float()
    for name, idx in {"one": torch.full((12,), 1), "mixed": torch.tensor([0, 2, 1, 1, 0, 2, -1]),
                      "none": torch.full((5,), -1), "single_token": torch.tensor([2])}.items():
        t = idx.numel()
        x = torch.randn(t, 64, dtype=bf16)
        a = torch.randn(3, 1, 8, 64, dtype=bf16)
        b = torch.randn(3, 1, 96, 8, dtype=bf16)
        s1, s2 = torch.zeros(t, 8), torch.zeros(t, 8)
        theirs.bgmv_shrink(x, a, s1, idx, 0.5); ours.bgmv_shrink(x, a, s2, idx, 0.5)
        h = s1.to(bf16)
        base = torch.randn(t, 96, dtype=bf16)
        e1, e2 = base.clone(), base.clone()
        theirs.bgmv_expand(h, b, e1, idx, True); ours.bgmv_expand(h, b, e2, idx, True)
        w1, w2 = torch.zeros(t, 300, dtype=bf16), torch.zeros(t, 300, dtype=bf16)
        theirs.bgmv_expand_slice(h, b, w1, idx, 100, 96, False)
        ours.bgmv_expand_slice(h, b, w2, idx, 100, 96, False)
        worst[name] = max(rel(s2, s1), rel(e2, e1), rel(w2, w1))
        worst[name + "_slice_untouched"] = float(w2[:, :100].abs().max() + w2[:, 196:].abs().max())
    # vLLM writes a new adapter into a slot, and each step's token indices, in place: what the
    # plugin derives from them (a cache of fp32 copies, slots in use, empty slots) must not stay.
    a = torch.randn(3, 1, 8, 64, dtype=bf16)
    b = torch.randn(3, 1, 96, 8, dtype=bf16)
    a[2].zero_(); b[2].zero_()  # the empty slot that index -1 reads (vllm#48421)
    idx = torch.tensor([-1, -1, 0, 0])
    x = torch.randn(4, 64, dtype=bf16)
    def both(x, idx):
        s1, s2 = torch.zeros(4, 8), torch.zeros(4, 8)
        theirs.bgmv_shrink(x, a, s1, idx, 1.0); ours.bgmv_shrink(x, a, s2, idx, 1.0)
        y1, y2 = torch.ones(4, 200, dtype=bf16), torch.ones(4, 200, dtype=bf16)
        theirs.bgmv_expand_slice(s1, b, y1, idx, 50, 96, True)
        ours.bgmv_expand_slice(s1, b, y2, idx, 50, 96, True)
        return max(rel(s2, s1), rel(y2, y1))
    worst["empty_slot"] = both(x, idx)
    base_rows = _y(ours, a, b, x, idx)[:2]
    worst["base_rows_untouched"] = float((torch.ones(2, 200) - base_rows).abs().max())
    a[2].copy_(torch.randn(1, 8, 64)); b[2].copy_(torch.randn(1, 96, 8))  # an adapter loaded there
    worst["slot_rewritten"] = both(x, idx)
    idx.copy_(torch.tensor([1, 0, 2, 1]))  # the next step's indices, same storage
    worst["indices_rewritten"] = both(x, idx)
    from vllm.plugins import load_general_plugins
    load_general_plugins()
    import vllm.lora.punica_wrapper.punica_cpu as punica_cpu
    worst["loaded"] = punica_cpu.bgmv_expand.__module__
    print(json.dumps(worst))
    """
)


def test_grouped_lora_matches_vllms_per_token_arithmetic(vllm_python: Path) -> None:
    worst = run_json(vllm_python, COMPARE, str(prepare.PLUGINS))
    for case in ("one", "mixed", "none", "single_token"):
        assert worst[case] < 2e-2, (case, worst)  # bf16 rounding, not a different sum
        assert worst[f"{case}_slice_untouched"] == 0.0  # only the slice is written
    for case in ("empty_slot", "slot_rewritten", "indices_rewritten"):
        assert worst[case] < 2e-2, (case, worst)
    assert worst["base_rows_untouched"] == 0.0  # tokens on the empty slot get nothing added
    # installed by prepare, vLLM's plugin loader swaps the functions the CPU LoRA path calls
    assert worst["loaded"] == "trip_genius_vllm_plugins.grouped_lora"


# v3 (cached_lora.py): the same sums as vLLM's ops, and caches that only vLLM's writers empty.
# The stacks are made under inference_mode, as vLLM makes them (no version counters: v2's bug).
CACHED = textwrap.dedent(
    """
    import json, os, sys
    import torch
    sys.path.insert(0, sys.argv[1])
    from trip_genius_vllm_plugins import cached_lora as v3, grouped_lora as v1
    import vllm.lora.ops.torch_ops.lora_ops as lo
    import vllm.lora.punica_wrapper.punica_cpu as pc
    from vllm.lora.layers import LoRAMapping, RowParallelLinearWithLoRA
    NAMES = ("bgmv_shrink", "bgmv_expand", "bgmv_expand_slice")
    vllm_ops = {n: getattr(lo, n) for n in NAMES}
    vllm_linear = pc.PunicaWrapperCPU.add_lora_linear
    hooked = v3.install_hooks()
    cached_linear = pc.PunicaWrapperCPU.add_lora_linear
    def use(name):
        ops = {"vllm": vllm_ops, "v1": vars(v1), "v3": vars(v3)}[name]
        for module in (lo, pc):
            for n in NAMES:
                setattr(module, n, ops[n])
        pc.PunicaWrapperCPU.add_lora_linear = cached_linear if name == "v3" else vllm_linear
    bf16, out = torch.bfloat16, {"hooked": hooked}
    torch.manual_seed(0)
    def rand(*shape):
        return torch.randn(*shape, dtype=bf16) * 0.1
    with torch.inference_mode():
        # one LoRA linear layer with three slices (q, k, v), two slots; the last one empty
        slices = (96, 32, 32)
        a = tuple(torch.zeros(2, 1, 8, 64, dtype=bf16) for _ in slices)
        b = tuple(torch.zeros(2, 1, n, 8, dtype=bf16) for n in slices)
        for a_i, b_i, n in zip(a, b, slices):
            a_i[0, 0].copy_(rand(8, 64)); b_i[0, 0].copy_(rand(n, 8))
        wrapper = pc.PunicaWrapperCPU(64, 8, "cpu")
        def step(mapping):  # vLLM's CPU runner always maps with is_prefill=True
            m = LoRAMapping(index_mapping=mapping, prompt_mapping=mapping, is_prefill=True)
            wrapper.update_metadata(m, [1, None], 2, 1000)
        def linear(name, x):
            use(name)
            y = torch.ones(x.shape[0], sum(slices), dtype=bf16)
            wrapper.add_lora_linear(y, x, a, b, 1.0, slices)
            return y
        def worst(x):
            ref, y1, y3 = linear("vllm", x), linear("v1", x), linear("v3", x)
            return {"vs_vllm": float((y3.float() - ref.float()).abs().max()),
                    "same_as_v1": bool(torch.equal(y3, y1))}
        for name, mapping in {"one": (1,) * 6, "mixed": (1, 0, 0, 1, 1, 0), "none": (0,) * 4,
                              "single_token": (1,)}.items():
            step(mapping)
            out[name] = worst(rand(len(mapping), 64))
        # the caches engage: no conversion or grouping again until a writer runs
        step((1,) * 6)
        x = rand(6, 64)
        linear("v3", x)
        misses = (v3.weights_cache.misses, v3.indices_cache.misses)
        linear("v3", x); linear("v3", x)
        out["misses_unchanged"] = misses == (v3.weights_cache.misses, v3.indices_cache.misses)
        # a new adapter written into slot 0 by the layer's set_lora (vLLM's only writer)
        layer = RowParallelLinearWithLoRA.__new__(RowParallelLinearWithLoRA)
        torch.nn.Module.__init__(layer)
        layer.n_slices, layer.tp_size = 1, 1
        layer.lora_a_stacked, layer.lora_b_stacked = (a[0],), (b[0],)
        layer.set_lora(0, rand(8, 64), rand(96, 8))
        out["after_set_lora"] = worst(x)
        # planted bug: set_lora while invalidation does nothing must leave v3 stale (the test bites)
        clear = v3.weights_cache.clear
        v3.weights_cache.clear = lambda: None
        layer.set_lora(0, rand(8, 64), rand(96, 8))
        out["unhooked_set_lora"] = worst(x)
        v3.weights_cache.clear = clear
        layer.reset_lora(0)
        out["after_reset_lora"] = worst(x)
        layer.set_lora(0, rand(8, 64), rand(96, 8))
        # the next step's indices, written by update_metadata
        step((0, 1, 1, 0, 1, 1))
        out["after_update_metadata"] = worst(x)
        # planted bug: the next step's metadata while invalidation does nothing
        clear = v3.indices_cache.clear
        v3.indices_cache.clear = lambda: None
        step((1, 0, 0, 0, 0, 1))
        out["unhooked_indices"] = worst(x)
        v3.indices_cache.clear = clear
        # the bgmv functions (logits / embedding paths) against vLLM's
        h = torch.randn(5, 8)
        idx = torch.tensor([0, -1, 0, 1, 0])
        for n in ("bgmv_expand", "bgmv_expand_slice"):
            ys = []
            for ops in (vllm_ops, vars(v3)):
                y = torch.ones(5, 200, dtype=bf16)
                args = (100, 96, True) if n == "bgmv_expand_slice" else (True,)
                ops[n](h, b[0], y, idx, *args)
                ys.append(y)
            out[n] = float((ys[0].float() - ys[1].float()).abs().max())
        s1, s2 = torch.zeros(5, 8), torch.zeros(5, 8)
        vllm_ops["bgmv_shrink"](x[:5], a[0], s1, idx, 0.5)
        v3.bgmv_shrink(x[:5], a[0], s2, idx, 0.5)
        out["bgmv_shrink"] = float((s1 - s2).abs().max())
    os.environ["TG_VLLM_LORA_OPS"] = "cached"
    from vllm.plugins import load_general_plugins
    load_general_plugins()
    out["loaded"] = [lo.bgmv_expand.__module__, pc.PunicaWrapperCPU.add_lora_linear.__module__]
    print(json.dumps(out))
    """
)


def test_cached_lora_matches_vllm_and_is_emptied_by_vllms_writers(vllm_python: Path) -> None:
    out = run_json(vllm_python, CACHED, str(prepare.PLUGINS))
    assert out["hooked"] >= 10  # set_lora/reset_lora on the layer classes, update_metadata
    for case in ("one", "mixed", "none", "single_token"):
        # the same matmuls on the same rows as v1 and vLLM: equal to the bit
        assert out[case] == {"vs_vllm": 0.0, "same_as_v1": True}, (case, out)
    assert out["misses_unchanged"]  # cached under inference_mode, unlike v2
    for case in ("after_set_lora", "after_reset_lora", "after_update_metadata"):
        assert out[case]["vs_vllm"] == 0.0, (case, out)
    # a write the hooks do not see leaves v3 stale: the checks above can fail
    assert out["unhooked_set_lora"]["vs_vllm"] > 1e-3, out
    assert out["unhooked_indices"]["vs_vllm"] > 1e-3, out
    for op in ("bgmv_expand", "bgmv_expand_slice", "bgmv_shrink"):
        assert out[op] < 1e-5, (op, out)
    assert out["loaded"] == ["trip_genius_vllm_plugins.cached_lora"] * 2


def test_plugins_are_reinstalled_when_their_source_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    installed: list[set[str]] = []

    def fake_run(cmd: list[str], **_: object) -> None:
        calls.append(cmd)
        source = Path(cmd[-1])  # a copy: the build never writes into the clone
        installed.append({p.relative_to(source).as_posix() for p in source.rglob("*.*")})

    monkeypatch.setattr(prepare, "run", fake_run)
    monkeypatch.setattr(prepare, "vllm_venv_dir", lambda _settings: tmp_path)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    prepare.ensure_vllm_plugins(settings, Path("py"))
    prepare.ensure_vllm_plugins(settings, Path("py"))
    assert len(calls) == 1
    assert Path(calls[0][-1]) != prepare.PLUGINS
    assert installed[0] == {
        "pyproject.toml",
        "trip_genius_vllm_plugins/__init__.py",
        "trip_genius_vllm_plugins/cached_lora.py",
        "trip_genius_vllm_plugins/grouped_lora.py",
    }
    (tmp_path / f".plugins-{prepare.plugins_key()}").rename(tmp_path / ".plugins-older")
    prepare.ensure_vllm_plugins(settings, Path("py"))
    assert len(calls) == 2
    assert [p.name for p in tmp_path.glob(".plugins-*")] == [f".plugins-{prepare.plugins_key()}"]
    # a vLLM from elsewhere is not ours to change
    external = settings.updated(vllm={"python": tmp_path / "python"})
    prepare.ensure_vllm_plugins(external, Path("py"))
    assert len(calls) == 2
