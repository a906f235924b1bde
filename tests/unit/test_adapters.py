"""Adapter versions on one vLLM, and adapter directories refused before vLLM starts."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest

from config.settings import REPO_ROOT, Settings
from serving.adapter_check import AdapterError, check_adapter, check_adapters
from serving.prepare import ensure_adapter
from serving.recipes import RECIPES
from serving.vllm_server import (
    LoraModule,
    adapter_versions,
    check_lora_modules,
    lora_modules,
    lora_slots,
    running_vllm,
    vllm_command,
    vllm_env,
)

V1 = REPO_ROOT / "saves" / "Qwen2.5-Coder-0.5B-Instruct" / "lora" / "medical-expert-v1"


def settings(**kw: object) -> Settings:
    return Settings(_env_file=None, **kw)  # type: ignore[call-arg, arg-type]


def write_adapter(path: Path, rank: int = 8, tensors: int = 2) -> Path:
    """A minimal peft LoRA directory: config + a valid safetensors file of zeros."""
    path.mkdir(parents=True, exist_ok=True)
    config = {"peft_type": "LORA", "r": rank, "lora_alpha": 16, "target_modules": ["q_proj"]}
    (path / "adapter_config.json").write_text(json.dumps(config))
    header: dict[str, object] = {}
    offset = 0
    for i in range(tensors):
        header[f"base_model.model.layers.{i}.lora_A.weight"] = {
            "dtype": "BF16", "shape": [rank, 4], "data_offsets": [offset, offset + rank * 8],
        }  # fmt: skip
        offset += rank * 8
    raw = json.dumps(header).encode()
    (path / "adapter_model.safetensors").write_bytes(
        struct.pack("<Q", len(raw)) + raw + b"\0" * offset
    )
    return path


# --- the start-up check ----------------------------------------------------------------------


def test_the_committed_adapter_passes() -> None:
    check_adapter(V1, max_rank=8)


def test_a_well_formed_adapter_passes(tmp_path: Path) -> None:
    check_adapter(write_adapter(tmp_path / "a"), max_rank=8)


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    with pytest.raises(AdapterError, match="adapter directory does not exist"):
        check_adapter(tmp_path / "nowhere", max_rank=8)


def test_an_empty_directory_is_not_an_adapter(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(AdapterError, match=r"no adapter_config\.json"):
        check_adapter(tmp_path / "empty", max_rank=8)


def test_corrupt_config_json(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "a")
    (path / "adapter_config.json").write_text('{"peft_type": "LORA", "r": 8')
    with pytest.raises(AdapterError, match="corrupt JSON"):
        check_adapter(path, max_rank=8)


def test_missing_weights(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "a")
    (path / "adapter_model.safetensors").unlink()
    with pytest.raises(AdapterError, match="no adapter weights"):
        check_adapter(path, max_rank=8)


def test_truncated_weights(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "a")
    data = (path / "adapter_model.safetensors").read_bytes()
    (path / "adapter_model.safetensors").write_bytes(data[:-10])
    with pytest.raises(AdapterError, match="truncated"):
        check_adapter(path, max_rank=8)


def test_garbage_weights(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "a")
    (path / "adapter_model.safetensors").write_bytes(b"not a safetensors file at all, sorry")
    with pytest.raises(AdapterError, match="corrupt safetensors"):
        check_adapter(path, max_rank=8)


def test_a_truncated_copy_of_the_real_adapter(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(V1, tmp_path / "v1"))
    weights = copy / "adapter_model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    with pytest.raises(AdapterError, match="truncated"):
        check_adapter(copy, max_rank=8)


def test_rank_above_max_lora_rank(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "r16", rank=16)
    with pytest.raises(AdapterError, match="rank 16 is above --max-lora-rank 8"):
        check_adapter(path, max_rank=8)
    check_adapter(path, max_rank=16)


def test_rank_pattern_counts_too(tmp_path: Path) -> None:
    path = write_adapter(tmp_path / "a")
    config = json.loads((path / "adapter_config.json").read_text())
    config["rank_pattern"] = {"q_proj": 32}
    (path / "adapter_config.json").write_text(json.dumps(config))
    with pytest.raises(AdapterError, match="rank 32"):
        check_adapter(path, max_rank=8)


def test_one_error_names_every_bad_adapter(tmp_path: Path) -> None:
    good = write_adapter(tmp_path / "good")
    with pytest.raises(AdapterError) as err:
        check_adapters(
            [("medical-expert", good), ("medical-expert-v2", tmp_path / "gone"),
             ("medical-expert-v3", write_adapter(tmp_path / "big", rank=64))],
            max_rank=8,
        )  # fmt: skip
    text = str(err.value)
    assert "'medical-expert-v2'" in text
    assert "'medical-expert-v3'" in text
    assert "'medical-expert'" not in text


def test_running_vllm_refuses_a_bad_adapter_before_starting_anything(tmp_path: Path) -> None:
    s = settings(
        paths={"saves_dir": tmp_path / "saves"}, llm={"medical_adapter_dir": tmp_path / "missing"}
    )
    with (
        pytest.raises(AdapterError, match="adapter directory does not exist"),
        running_vllm(s, "/nonexistent/python"),
    ):
        pytest.fail("vLLM must not start")


def test_an_adapter_from_elsewhere_is_never_trained_into(tmp_path: Path) -> None:
    s = settings(llm={"medical_adapter_dir": tmp_path / "llamafactory-out"})
    assert ensure_adapter(s, Path("/nonexistent/python")) == tmp_path / "llamafactory-out"
    assert not (tmp_path / "llamafactory-out").exists()


def test_a_missing_adapter_is_trained_by_its_versions_recipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[list[str]] = []
    monkeypatch.setattr("serving.prepare.run", lambda cmd, **_: ran.append(cmd))
    s = settings(paths={"saves_dir": tmp_path / "saves"}, llm={"medical_adapter_version": "v3"})
    assert ensure_adapter(s, Path("/venv/python")) == s.adapter_dir_for("v3")
    (cmd,) = ran
    assert cmd[cmd.index("--out") + 1] == str(s.adapter_dir_for("v3"))
    assert cmd[-len(RECIPES["v3"]) :] == RECIPES["v3"]


def test_a_version_with_no_adapter_and_no_recipe_is_an_error_not_a_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("serving.prepare.run", lambda *_, **__: pytest.fail("must not train"))
    s = settings(paths={"saves_dir": tmp_path / "saves"}, llm={"medical_adapter_version": "v9"})
    with pytest.raises(SystemExit, match="no recipe for version 'v9'"):
        ensure_adapter(s, Path("/venv/python"))


# --- versions side by side ------------------------------------------------------------------


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    lora = tmp_path / "saves" / "Qwen2.5-Coder-0.5B-Instruct" / "lora"
    write_adapter(lora / "medical-expert-v1")
    write_adapter(lora / "medical-expert-v2")
    (lora / "other-adapter").mkdir()
    return tmp_path / "saves"


def test_only_the_version_in_use_is_served_by_default(saves: Path) -> None:
    lora = saves / "Qwen2.5-Coder-0.5B-Instruct" / "lora"
    s = settings(paths={"saves_dir": saves}, llm={"medical_adapter_version": "v2"})
    assert lora_modules(s) == [LoraModule("medical-expert", lora / "medical-expert-v2")]
    cmd = vllm_command(s, "python")
    i = cmd.index("--lora-modules")
    assert cmd[i + 1 : i + 3] == [f"medical-expert={lora / 'medical-expert-v2'}", "--max-lora-rank"]


def test_extra_versions_are_served_by_name_and_medical_expert_means_the_chosen_one(
    saves: Path,
) -> None:
    lora = saves / "Qwen2.5-Coder-0.5B-Instruct" / "lora"
    s = settings(paths={"saves_dir": saves}, llm={"medical_adapter_version": "v2"})
    assert adapter_versions(s) == {
        "v1": lora / "medical-expert-v1",
        "v2": lora / "medical-expert-v2",
    }
    every = s.updated(vllm={"extra_adapter_versions": ["all"]})
    assert lora_modules(every) == [
        LoraModule("medical-expert", lora / "medical-expert-v2"),
        LoraModule("medical-expert-v1", lora / "medical-expert-v1"),
        LoraModule("medical-expert-v2", lora / "medical-expert-v2"),
    ]
    cmd = vllm_command(every, "python")
    i = cmd.index("--lora-modules")
    assert cmd[i + 1 : i + 4] == [
        f"medical-expert={lora / 'medical-expert-v2'}",
        f"medical-expert-v1={lora / 'medical-expert-v1'}",
        f"medical-expert-v2={lora / 'medical-expert-v2'}",
    ]
    one = s.updated(vllm={"extra_adapter_versions": ["v1", "v1"]})
    assert [m.name for m in lora_modules(one)] == ["medical-expert", "medical-expert-v1"]


def test_a_version_asked_for_but_not_saved_stops_the_start_naming_it(saves: Path) -> None:
    s = settings(paths={"saves_dir": saves}, vllm={"extra_adapter_versions": ["v9"]})
    assert lora_modules(s)[1].name == "medical-expert-v9"  # kept, not silently dropped
    with pytest.raises(AdapterError, match="medical-expert-v9"):
        check_lora_modules(s, lora_modules(s))


def test_an_adapter_from_elsewhere_is_medical_expert_beside_the_versions(
    saves: Path, tmp_path: Path
) -> None:
    elsewhere = write_adapter(tmp_path / "llamafactory" / "output")
    s = settings(
        paths={"saves_dir": saves},
        llm={"medical_adapter_dir": elsewhere},
        vllm={"extra_adapter_versions": ["all"]},
    )
    assert lora_modules(s)[0] == LoraModule("medical-expert", elsewhere)
    assert [m.name for m in lora_modules(s)[1:]] == ["medical-expert-v1", "medical-expert-v2"]


def test_no_saves_folder_serves_only_the_chosen_adapter(tmp_path: Path) -> None:
    s = settings(paths={"saves_dir": tmp_path / "none"}, vllm={"extra_adapter_versions": ["all"]})
    assert [m.name for m in lora_modules(s)] == ["medical-expert"]


def flag(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_one_adapter_gets_two_slots_the_smallest_count_that_keeps_base_tokens_base(
    tmp_path: Path,
) -> None:
    one = settings(
        paths={"saves_dir": tmp_path}, llm={"medical_adapter_dir": tmp_path / "a"}
    )  # one adapter served
    assert flag(vllm_command(one, "python"), "--max-loras") == "2"  # 1 + the empty slot
    assert "--max-cpu-loras" not in vllm_command(one, "python")
    cmd = vllm_command(one.updated(vllm={"max_loras": 4, "max_cpu_loras": 8}), "x")
    assert (flag(cmd, "--max-loras"), flag(cmd, "--max-cpu-loras")) == ("5", "8")
    cmd = vllm_command(one.updated(vllm={"max_cpu_loras": 1}), "x")
    assert flag(cmd, "--max-cpu-loras") == "2"  # vLLM refuses max_cpu_loras < max_loras


def test_every_served_adapter_gets_a_slot_and_the_last_stays_empty(saves: Path) -> None:
    """vllm#48421: the CPU ops read "no adapter" as the last slot, which must never be filled."""
    s = settings(
        paths={"saves_dir": saves}, vllm={"max_loras": 1, "extra_adapter_versions": ["all"]}
    )
    assert len(lora_modules(s)) == 3
    assert lora_slots(s, lora_modules(s)) == 4
    assert flag(vllm_command(s, "python"), "--max-loras") == "4"
    default = settings(paths={"saves_dir": saves})
    assert lora_slots(default, lora_modules(default)) == len(lora_modules(default)) + 1 == 2


def test_runtime_lora_updating_is_off_unless_settings_say_so() -> None:
    leftover = {"VLLM_ALLOW_RUNTIME_LORA_UPDATING": "True"}
    assert vllm_env(settings(), leftover)["VLLM_ALLOW_RUNTIME_LORA_UPDATING"] == "0"
    on = settings(vllm={"allow_runtime_lora_updating": True})
    assert vllm_env(on, {})["VLLM_ALLOW_RUNTIME_LORA_UPDATING"] == "1"
