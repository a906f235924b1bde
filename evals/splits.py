"""Deterministic train / validation / test splits, grouped so near-identical rows never straddle two.

The protocol (evals/README.md): every choice is made on `validation`; `test` is sealed and run
once per released version; nobody edits rules, word lists or prompts after reading a test item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

SPLITS = ("train", "validation", "test")


def bucket(key: str, weights: Sequence[float], salt: str = "trip-genius") -> str:
    """A split for a group key: a stable hash, so adding rows never moves existing ones."""
    h = int(hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()[:12], 16) / 16**12
    edge = 0.0
    for name, w in zip(SPLITS, weights, strict=True):
        edge += w
        if h < edge:
            return name
    return SPLITS[-1]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    rows = list(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return len(rows)
