"""How close the train questions come to each other and to the evaluation splits.

A train question that nearly repeats a validation or test question would let the retriever (which
learns from the train split) pass an evaluation by memory. Similarity is the cosine of character
3-gram counts, the measure `evals/triage/build_splits.py` caps at 0.8. Only train questions are
printed: the evaluation splits are compared as numbers, never shown (the test split is sealed).

`python -m evals.medical.question_overlap [--from-id q-1001] [--max 0.8]` exits non-zero when a
checked train question reaches the cap.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.splits import read_jsonl

ROOT = Path(__file__).resolve().parents[2]
TRAIN = ROOT / "agents" / "knowledge" / "condition_questions.jsonl"
DATA = Path(__file__).parent / "data"
MAX_SIMILARITY = 0.8


@dataclass(frozen=True)
class Overlap:
    id: str
    question: str
    vs_train: float  # the closest other train question
    vs_validation: float
    vs_test: float

    @property
    def worst(self) -> float:
        return max(self.vs_train, self.vs_validation, self.vs_test)


def id_number(row: dict[str, Any]) -> int:
    return int(str(row["id"]).rsplit("-", 1)[-1])


def overlaps(
    train: list[dict[str, Any]],
    validation: list[dict[str, Any]],
    test: list[dict[str, Any]],
    checked: list[int],
) -> list[Overlap]:
    """For each checked train row (by index), its highest similarity to every other question."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    texts = [str(r["question"]) for r in [*train, *validation, *test]]
    counts = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=True)
    vectors = normalize(counts.fit_transform(texts))
    n_train, n_val = len(train), len(validation)
    result = []
    for i in checked:
        sims = (vectors[i] @ vectors.T).toarray().ravel()
        sims[i] = 0.0
        result.append(
            Overlap(
                id=str(train[i]["id"]),
                question=str(train[i]["question"]),
                vs_train=float(sims[:n_train].max()),
                vs_validation=float(sims[n_train : n_train + n_val].max(initial=0.0)),
                vs_test=float(sims[n_train + n_val :].max(initial=0.0)),
            )
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--from-id", default="q-0", help="check train rows from this id number on")
    parser.add_argument("--max", type=float, default=MAX_SIMILARITY)
    args = parser.parse_args()
    train = read_jsonl(TRAIN)
    start = int(args.from_id.rsplit("-", 1)[-1])
    checked = [i for i, r in enumerate(train) if id_number(r) >= start]
    found = overlaps(
        train,
        read_jsonl(DATA / "questions_validation.jsonl"),
        read_jsonl(DATA / "questions_test.jsonl"),
        checked,
    )
    for name in ("vs_train", "vs_validation", "vs_test"):
        print(f"{name}: max {max((getattr(o, name) for o in found), default=0.0):.3f}")
    over = [o for o in found if o.worst >= args.max]
    for o in over:
        print(f"  {o.id} reaches {o.worst:.3f}: {o.question}")
    print(f"{len(found)} train questions checked, {len(over)} at or above {args.max}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
