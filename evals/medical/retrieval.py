"""How well the condition retriever finds the right card: top-1 / top-3, and "nothing fits".

`python -m evals.medical.retrieval [--split validation] [--grid]`. `--grid` compares retriever
settings side by side on the split given (validation only: the test split is sealed).
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from agents.knowledge.condition_search import (
    ConditionSearch,
    SearchConfig,
    card_phrases,
    load_questions,
)
from agents.knowledge.conditions import load_conditions
from evals.splits import read_jsonl

DATA = Path(__file__).parent / "data"


def questions(split: str) -> list[dict[str, Any]]:
    return read_jsonl(DATA / f"questions_{split}.jsonl")


@dataclass(frozen=True)
class RetrievalReport:
    n_with_card: int
    top1: float
    top3: float
    fits_when_card: float  # a card passes the floor when the question has one
    none_when_no_card: float  # nothing passes the floor for no-card / non-skin questions
    n_without_card: int
    by_lang: dict[str, dict[str, float]] = field(default_factory=dict)  # n, top1, top3

    def row(self) -> str:
        langs = "  ".join(
            f"{lang} {v['top1']:.3f}/{v['top3']:.3f} (n={v['n']:.0f})"
            for lang, v in sorted(self.by_lang.items())
        )
        return (
            f"top1 {self.top1:.3f}  top3 {self.top3:.3f}  card found {self.fits_when_card:.3f} "
            f"(n={self.n_with_card})  'cannot tell' when none fits {self.none_when_no_card:.3f} "
            f"(n={self.n_without_card})  top1/top3 by language: {langs}"
        )


def evaluate(search: ConditionSearch, rows: list[dict[str, Any]]) -> RetrievalReport:
    with_card = [r for r in rows if r["condition"]]
    without = [r for r in rows if not r["condition"]]
    top1 = top3 = fits = 0
    per_lang: dict[str, list[int]] = {}
    for r in with_card:
        ranked = [m.card.id for m in search.search(r["question"], k=3)]
        top1 += ranked[0] == r["condition"]
        top3 += r["condition"] in ranked
        fits += bool(search.fitting([r["question"]]))
        counts = per_lang.setdefault(r["lang"], [0, 0, 0])
        counts[0] += 1
        counts[1] += ranked[0] == r["condition"]
        counts[2] += r["condition"] in ranked
    none = sum(not search.fitting([r["question"]]) for r in without)
    n, m = len(with_card), len(without)
    by_lang = {
        lang: {"n": c[0], "top1": c[1] / c[0], "top3": c[2] / c[0]} for lang, c in per_lang.items()
    }
    return RetrievalReport(n, top1 / n, top3 / n, fits / n, none / max(m, 1), m, by_lang)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="validation", choices=["validation", "test"])
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--none-grid", action="store_true", help="the 'no card' cut-off alone")
    parser.add_argument(
        "--recipe-grid", action="store_true", help="the classifier's penalty and class weights"
    )
    parser.add_argument(
        "--c-grid", action="store_true", help="the converged (newton-cg) classifier's C"
    )
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--train", type=Path, help="train questions to learn from (default: the app's own)"
    )
    args = parser.parse_args()
    kb = load_conditions()
    rows = questions(args.split)
    examples = load_questions(args.train) if args.train else load_questions()
    configs = [SearchConfig()]
    if args.grid:
        configs = [
            SearchConfig(lexical_weight=w, min_cosine=f, ngram_range=ng)
            for w, f, ng in itertools.product(
                (0.0, 0.3, 0.5, 1.0), (0.03, 0.05, 0.08, 0.1), ((1, 3), (1, 4))
            )
        ]
    if args.recipe_grid:
        configs = [
            SearchConfig(lexical_weight=w, alpha=a, class_weight=cw, solver="sgd")
            for a, cw, w in itertools.product(
                (3e-5, 1e-4, 3e-4), (None, "balanced"), (0.0, 0.3, 0.5)
            )
        ]
    if args.c_grid:
        # C0: the SGD objective's own penalty (alpha per row) in LogisticRegression's terms
        n = sum(len(card_phrases(c)) for c in kb.cards.values()) + len(examples)
        c0 = round(1 / (SearchConfig().alpha * n), 2)
        configs = [
            SearchConfig(solver="newton-cg", max_iter=1000, tol=1e-6, C=c)
            for c in (1.0, 2.0, c0, 5.0, 10.0, 20.0, 50.0)
        ]
    if args.none_grid:
        configs = [SearchConfig(max_none=p) for p in (1.0, 0.5, 0.3, 0.2, 0.15, 0.1, 0.07, 0.05)]
    results = []
    for config in configs:
        report = evaluate(ConditionSearch(kb, examples, config), rows)
        results.append({"config": asdict(config), **asdict(report)})
        print(f"{config}  {report.row()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
