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
import json
import time
from pathlib import Path
from typing import Any

from agents.knowledge.condition_search import (
    QUESTIONS_PATH,
    ConditionSearch,
    SearchConfig,
    load_questions,
)
from evals.medical import train_folds
from evals.medical.retrieval import evaluate, questions
from evals.splits import read_jsonl

FITS: dict[str, dict[str, Any]] = {
    "early": {"solver": "sgd", "max_iter": 100, "tol": 1e-3},  # the served fit
    "converged": {"solver": "sgd", "max_iter": 2000, "tol": 1e-6},
    # seed-free: multinomial logistic regression to its optimum, C chosen on validation
    # (`retrieval --c-grid`; results/steady_retriever_rule_2026-12-07a.md)
    "newton": {"solver": "newton-cg", "max_iter": 1000, "tol": 1e-6, "C": 10.0},
}


def one(fit: str, seed: int) -> dict[str, Any]:
    """Both figures with every search of the run fitted at this seed and stopping rule."""
    from agents.knowledge.conditions import load_conditions
    from config.settings import Settings

    started = time.monotonic()
    config = SearchConfig(random_state=seed, **FITS[fit])
    rows = read_jsonl(QUESTIONS_PATH)
    got = train_folds.run(rows, 5, train_folds.NEAR, Settings().doctor.card_margin, config)
    held_out = train_folds.summary(got)
    search = ConditionSearch(load_conditions(), load_questions(), config)
    report = evaluate(search, questions("validation"))
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
