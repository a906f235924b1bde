"""Deterministic train / validation / test splits, grouped so near-duplicates never straddle two.

The protocol (evals/README.md): every choice is made on `validation`; `test` is sealed and run
once per released version; nobody edits rules, word lists or prompts after reading a test item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

SPLITS = ("train", "validation", "test")
SEALED_SPLIT = "test"


def is_sealed_file(path: Path | str) -> bool:
    """A data file of the sealed split (`test.jsonl`, `questions_test.jsonl`, …): every eval tool
    refuses it outside a release run, so one rule decides what "sealed" means for all of them."""
    return SEALED_SPLIT in Path(path).name


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


def take_in_turn(
    rows: list[dict[str, Any]], limit: int, group: Callable[[dict[str, Any]], str]
) -> list[dict[str, Any]]:
    """`limit` rows taken in turn from each group, in file order: a quick run (`--limit`) still
    covers every group instead of the first few of one."""
    if not limit or limit >= len(rows):
        return rows
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(group(r), []).append(r)
    picked: list[dict[str, Any]] = []
    while len(picked) < limit:
        for members in groups.values():
            if members and len(picked) < limit:
                picked.append(members.pop(0))
    order = {r["id"]: i for i, r in enumerate(rows)}
    return sorted(picked, key=lambda r: order[r["id"]])
