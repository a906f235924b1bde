"""The int8 weights path (issue 14, point 3): the converter, run in vLLM's venv where torch is,
and the settings/prepare/command wiring that makes vLLM serve its output."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import serving.prepare as prepare
from config.settings import Settings
from serving.vllm_server import vllm_command
from tests.unit.vllm_venv import run_json

# A tiny Qwen2-shaped checkpoint: one projection, one norm, an lm_head, all bf16.
CONVERT_AND_CHECK = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import torch
    from safetensors.torch import load_file, save_file
    from serving.quantize_int8 import MARKER, convert
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    src.mkdir()
    g = torch.Generator().manual_seed(0)
    w = (torch.randn(16, 32, generator=g) * torch.linspace(0.01, 3, 16)[:, None]).bfloat16()
    head = torch.randn(50, 32, generator=g).bfloat16()
    norm = torch.ones(32).bfloat16()
    save_file({"model.layers.0.self_attn.q_proj.weight": w, "lm_head.weight": head,
               "model.layers.0.input_layernorm.weight": norm}, src / "model.safetensors")
    (src / "config.json").write_text(json.dumps({"model_type": "qwen2"}))
    (src / "tokenizer.json").write_text("{}")
    convert(src, out)
    q = load_file(out / "model.safetensors")
    report = {"files": sorted(p.name for p in out.iterdir()),
              "config": json.loads((out / "config.json").read_text())}
    for name, orig in (("model.layers.0.self_attn.q_proj", w), ("lm_head", head)):
        qw, scale = q[name + ".weight"], q[name + ".weight_scale"]
        err = (qw.float() * scale - orig.float()).abs()
        report[name] = {"dtype": str(qw.dtype), "scale_shape": list(scale.shape),
                        "max_err_in_half_steps": float((err / (scale / 2)).max()),
                        "max_abs": int(qw.abs().max())}
    report["norm_dtype"] = str(q["model.layers.0.input_layernorm.weight"].dtype)
    print(json.dumps(report))
    """
)


def test_the_converter_writes_int8_rows_within_half_a_step(
    vllm_python: Path, tmp_path: Path
) -> None:
    report = run_json(vllm_python, CONVERT_AND_CHECK, str(tmp_path / "src"), str(tmp_path / "out"))
    for name in ("model.layers.0.self_attn.q_proj", "lm_head"):
        row = report[name]
        assert row["dtype"] == "torch.int8"
        assert row["scale_shape"][1] == 1  # one scale per output row, as vLLM's channel scheme
        assert row["max_err_in_half_steps"] <= 1.0 + 1e-3  # round-to-nearest on its own row scale
        assert row["max_abs"] == 127  # each row's largest weight uses the full range
    assert report["norm_dtype"] == "torch.bfloat16"  # only projections are quantised
    config = report["config"]["quantization_config"]
    assert config["quant_method"] == "compressed-tensors"
    assert config["format"] == "int-quantized"
    assert {"tokenizer.json", "trip-genius-int8.json"} <= set(report["files"])


def test_vllm_serves_the_int8_copy_only_when_asked(tmp_path: Path) -> None:
    bf16 = Settings(_env_file=None, paths={"cache_dir": tmp_path})  # type: ignore[call-arg]
    int8 = bf16.updated(vllm={"weights": "int8"})
    model = vllm_command(bf16, "python")[vllm_command(bf16, "python").index("--model") + 1]
    assert model == bf16.base_model_path
    cmd = vllm_command(int8, "python")
    assert cmd[cmd.index("--model") + 1] == f"{int8.base_model_path}-int8"
    assert int8.served_model_path != int8.base_model_path


def test_prepare_writes_the_int8_copy_once_from_the_local_base(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []
    monkeypatch.setattr(prepare, "run", lambda cmd, **_: calls.append(cmd))
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, paths={"cache_dir": tmp_path}, vllm={"weights": "int8"}
    )
    base = Path(settings.base_model_path)
    base.mkdir(parents=True)
    (base / "config.json").write_text("{}")
    assert prepare.ensure_int8_weights(settings, Path("py")) == Path(settings.served_model_path)
    assert [c[1:3] for c in calls] == [["-m", "serving.quantize_int8"]]
    assert calls[0][calls[0].index("--src") + 1] == str(base)
    # done once: the marker the converter writes last stops a second conversion
    Path(settings.served_model_path).mkdir()
    (Path(settings.served_model_path) / prepare.INT8_MARKER).write_text("{}")
    prepare.ensure_int8_weights(settings, Path("py"))
    assert len(calls) == 1
    # bf16 (the default) never converts
    bf16 = settings.updated(vllm={"weights": "bf16"})
    assert prepare.ensure_int8_weights(bf16, Path("py")) is None
    assert len(calls) == 1


def test_int8_of_a_hub_model_fails_with_a_clear_message(tmp_path: Path) -> None:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        paths={"cache_dir": tmp_path},
        llm={"base_model": "Qwen/Qwen1.5-7B-Chat"},
        vllm={"weights": "int8"},
    )
    with pytest.raises(SystemExit, match="local base model folder"):
        prepare.ensure_int8_weights(settings, Path("py"))
