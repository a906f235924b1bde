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
