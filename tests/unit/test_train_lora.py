"""The training-set selection of serving/train_lora.py (the part that needs no torch)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from serving.prepare import DATA_DIR
from serving.recipes import RECIPES
from serving.train_lora import parse_args, read_jsonl, sample_rows, with_red_flag_copies

TRAIN = DATA_DIR / "train.jsonl"


def test_no_copies_keeps_the_sample_so_older_recipes_reproduce() -> None:
    picked = read_jsonl(TRAIN, 160, 42)
    every = read_jsonl(TRAIN, 0, 42)
    assert sample_rows(every, 160, 42) == picked  # what train() draws from the rows it read
    assert with_red_flag_copies(picked, every, 0, 42) == picked


def test_every_red_flag_is_seen_exactly_copies_times_and_routine_rows_once() -> None:
    every = read_jsonl(TRAIN, 0, 42)
    picked = read_jsonl(TRAIN, 160, 42)
    rows = with_red_flag_copies(picked, every, 2, 42)
    seen = Counter(r["id"] for r in rows)
    red = {r["id"] for r in every if r["red_flag"]}
    assert len(red) >= 80
    assert all(seen[i] == 2 for i in red)
    routine = [r["id"] for r in picked if not r["red_flag"]]
    assert all(seen[i] == 1 for i in routine)
    assert len(rows) == len(routine) + 2 * len(red)
    # Shuffled, not red flags in a block at the end, and the same order every run.
    assert any(r["red_flag"] for r in rows[: len(rows) // 2])
    assert rows == with_red_flag_copies(picked, every, 2, 42)


def test_the_v3_recipe_asks_for_red_flag_copies(tmp_path: Path) -> None:
    cfg, resume = parse_args(
        ["--base", "b", "--train-file", "t", "--heldout-file", "h", "--out", str(tmp_path)]
        + RECIPES["v3"]
    )
    assert cfg.red_flag_copies == 2
    assert cfg.limit == 160
    assert not resume
