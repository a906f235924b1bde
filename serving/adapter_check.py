"""Refuse a LoRA adapter directory vLLM would refuse, before vLLM spends minutes loading the model.

vLLM checks `--lora-modules` only after the base model is loaded (1-5 min on CPU here) and then
exits with a stack trace; a mounted folder that is empty or a rank above `--max-lora-rank` is a
configuration mistake we can name in under a second. Stdlib only: the app venv has no torch,
and the safetensors header is plain JSON behind an 8-byte length.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import Any

CONFIG = "adapter_config.json"
WEIGHTS = ("adapter_model.safetensors", "adapter_model.bin")


class AdapterError(ValueError):
    """One or more adapter directories cannot be served; the message says which and why."""


def read_config(path: Path) -> dict[str, Any]:
    config_file = path / CONFIG
    if not path.is_dir():
        raise AdapterError(f"{path}: adapter directory does not exist")
    if not config_file.is_file():
        raise AdapterError(f"{path}: no {CONFIG} (not a peft adapter directory)")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AdapterError(f"{config_file}: corrupt JSON ({exc})") from exc
    if not isinstance(config, dict):
        raise AdapterError(f"{config_file}: corrupt (not a JSON object)")
    return config


def check_rank(path: Path, config: dict[str, Any], max_rank: int) -> None:
    if str(config.get("peft_type", "")).upper() != "LORA":
        raise AdapterError(f"{path}: peft_type {config.get('peft_type')!r} is not LORA")
    rank = config.get("r")
    if not isinstance(rank, int) or rank < 1:
        raise AdapterError(f"{path}: {CONFIG} has no valid rank 'r' ({rank!r})")
    ranks = [rank, *(config.get("rank_pattern") or {}).values()]
    if max(ranks) > max_rank:
        raise AdapterError(
            f"{path}: LoRA rank {max(ranks)} is above --max-lora-rank {max_rank}; raise "
            "TG_VLLM_MAX_LORA_RANK (vLLM accepts 8, 16, 32, 64, ...) or train with a lower rank"
        )


def check_safetensors(file: Path) -> None:
    """Header parses and every tensor's bytes lie inside the file (catches truncated copies)."""
    size = file.stat().st_size
    with file.open("rb") as f:
        head = f.read(8)
        if len(head) < 8:
            raise AdapterError(f"{file}: corrupt safetensors (file too short)")
        (header_len,) = struct.unpack("<Q", head)
        if header_len > size - 8:
            raise AdapterError(f"{file}: corrupt safetensors (header longer than the file)")
        try:
            header = json.loads(f.read(header_len))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise AdapterError(f"{file}: corrupt safetensors header ({exc})") from exc
    tensors = {k: v for k, v in header.items() if k != "__metadata__"}
    if not tensors:
        raise AdapterError(f"{file}: no tensors")
    end = max(int(t["data_offsets"][1]) for t in tensors.values())
    if 8 + header_len + end > size:
        raise AdapterError(f"{file}: truncated ({size} bytes, the header needs more)")


def check_adapter(path: Path, max_rank: int) -> None:
    config = read_config(path)
    check_rank(path, config, max_rank)
    weights = [path / name for name in WEIGHTS if (path / name).is_file()]
    if not weights:
        raise AdapterError(f"{path}: no adapter weights ({' or '.join(WEIGHTS)})")
    if weights[0].suffix == ".safetensors":
        check_safetensors(weights[0])


def check_adapters(adapters: Iterable[tuple[str, Path]], max_rank: int) -> None:
    """Every (served name, directory) pair; one error listing every problem."""
    problems = []
    for name, path in adapters:
        try:
            check_adapter(path, max_rank)
        except AdapterError as exc:
            problems.append(f"LoRA adapter {name!r}: {exc}")
    if problems:
        raise AdapterError("cannot serve the LoRA adapters:\n  " + "\n  ".join(problems))
