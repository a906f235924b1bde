"""How far the retriever's optimiser seed alone moves the retrieval figures: the held-out train
folds (`train_folds`) and validation retrieval, refitted once per seed and per fit.

    python -m evals.medical.seed_spread [--fits early,converged] [--seeds 0 1 2 3 4] [--out FILE]

Why: the classifier is an SGD model stopped early, so where it ends depends on the rows and
their order; any card or question edit moves near-tied cards as a new seed would. A data change
is judged against this spread (medians over seeds), not against one fit
(results/retriever_seed_spread_rule_2026-12-04n.md). Never the sealed test split.
"""

from __future__ import annotations

import argparse
import functools
import json
import time
from pathlib import Path
from typing import Any

import agents.knowledge.condition_search as condition_search
from evals.medical import train_folds
from evals.medical.retrieval import evaluate, questions
from evals.splits import read_jsonl

FITS: dict[str, dict[str, Any]] = {
    "early": {"max_iter": 100, "tol": 1e-3},  # the served fit
    "converged": {"max_iter": 2000, "tol": 1e-6},
}


def one(fit: str, seed: int) -> dict[str, Any]:
    """Both figures with every search of the run fitted at this seed and stopping rule."""
    from agents.knowledge.conditions import load_conditions
    from config.settings import Settings

    started = time.monotonic()
    base = condition_search.SearchConfig
    # train_folds builds its searches with the default config: the defaults are swapped for the run
    condition_search.SearchConfig = functools.partial(  # type: ignore[misc,assignment]
        base, random_state=seed, **FITS[fit]
    )
    try:
        rows = read_jsonl(condition_search.QUESTIONS_PATH)
        got = train_folds.run(rows, 5, train_folds.NEAR, Settings().doctor.card_margin)
        held_out = train_folds.summary(got)
        search = condition_search.ConditionSearch(
            load_conditions(), condition_search.load_questions(), condition_search.SearchConfig()
        )
        report = evaluate(search, questions("validation"))
    finally:
        condition_search.SearchConfig = base  # type: ignore[misc]
    right = sum(1 for g in got if g["condition"] and g["right_condition"])
    return {
        "fit": fit,
        "seed": seed,
        "right_condition": held_out["right_condition"],
        "right_condition_n": right,
        "with_card": held_out["with_card"],
        "urged": held_out["urged"],
        "false_alarm": held_out["false_alarm"],
        "heldout_top1": held_out["top1"],
        "val_top1": round(report.top1, 3),
        "val_top3": round(report.top3, 3),
        "val_none": round(report.none_when_no_card, 3),
        "seconds": round(time.monotonic() - started),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fits", default="early,converged")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    records = []
    for fit in args.fits.split(","):
        for seed in args.seeds:
            records.append(one(fit, seed))
            print(json.dumps(records[-1]), flush=True)
    if args.out:
        args.out.write_text("".join(json.dumps(r) + "\n" for r in records))


if __name__ == "__main__":
    main()
