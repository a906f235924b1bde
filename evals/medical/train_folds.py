"""How the retriever and the card-led doctor do on wording they have not learnt: k-fold over the
train questions.

Why: the retriever learns people's words from the train split (`condition_questions.jsonl`), so
it recalls a train question by heart, and validation has been read so often that choices fit it
(validation 92.6% right condition, the sealed test 77.8% at `9a8f4cc87a`). Held-out train
questions are unseen wording that may be read freely: each fold's questions are answered by a
search fitted on the cards and the other folds only. Near-duplicates (char 3-gram cosine at or
above `--near`, the measure of `question_overlap.py`) are kept in one fold, so a paraphrase
never answers for its twin.

    python -m evals.medical.train_folds [--folds 5] [--json FILE] [--misses]

Per question: retrieval top-1 / top-3 and the card-led outcome (named right / named wrong /
listed with the right card / listed without it / declined, and the answer kind). Train rows are
free to print; the evaluation splits are not read here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.condition_search import NO_CARD, QUESTIONS_PATH, ConditionSearch, SearchConfig
from agents.knowledge.conditions import load_conditions
from evals.medical.scoring import MedicalScorer
from evals.splits import read_jsonl

NAMING_KINDS = ("card", "emergency_card", "same_day_card", "prescription")
NEAR = 0.7


def groups(rows: Sequence[dict[str, Any]], near: float) -> list[int]:
    """A group number per row: rows joined by a chain of near-duplicates share one."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    texts = [str(r["question"]) for r in rows]
    vectors = normalize(CountVectorizer(analyzer="char", ngram_range=(3, 3)).fit_transform(texts))
    sims = (vectors @ vectors.T).tocoo()
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, s in zip(sims.row, sims.col, sims.data, strict=True):
        if i < j and s >= near:
            parent[root(int(i))] = root(int(j))
    return [root(i) for i in range(len(rows))]


def fold_of(group: int, rows: Sequence[dict[str, Any]], folds: int) -> int:
    """A stable fold for a group (the hash of its first row's id)."""
    key = str(rows[group]["id"])
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % folds


def outcome(row: dict[str, Any], doctor: CardLedDoctor, scorer: MedicalScorer) -> dict[str, Any]:
    planned = doctor.answer([HumanMessage(row["question"])], [row["question"]])
    scored = scorer.score(planned.text or "", scorer.question(row))
    right = {row.get("condition"), *row.get("also", [])} - {None}
    if not right:
        label = "declined" if not planned.cards else "card_for_none"
    elif planned.kind in NAMING_KINDS and planned.cards:
        label = "named_right" if planned.cards[0] in right else "named_wrong"
    elif planned.kind == "unsure":
        label = "listed_right" if right & set(planned.cards) else "listed_wrong"
    else:
        label = "declined"
    return {"kind": planned.kind, "cards": list(planned.cards), "outcome": label,
            "right_condition": scored.right_condition, "urged": scored.urges_emergency_care,
            "false_alarm": scored.false_alarm}  # fmt: skip


def run(
    rows: list[dict[str, Any]],
    folds: int,
    near: float,
    margin: float,
    config: SearchConfig | None = None,
) -> list[dict[str, Any]]:
    """Every row answered by a search fitted without its fold; `config`: the search's settings
    (a seed or stopping rule to vary, `seed_spread.py`), the served ones by default."""
    kb = load_conditions()
    scorer = MedicalScorer(kb)
    group = groups(rows, near)
    fold = [fold_of(g, rows, folds) for g in group]
    out: list[dict[str, Any]] = []
    for k in range(folds):
        learnt = [
            (r["question"], r.get("condition") or NO_CARD)
            for r, f in zip(rows, fold, strict=True)
            if f != k
        ]
        search = ConditionSearch(kb, learnt, config)
        doctor = CardLedDoctor(margin, search)
        for r, f in zip(rows, fold, strict=True):
            if f != k:
                continue
            ranked = [m.card.id for m in search.search(r["question"], k=3)]
            got = {"id": r["id"], "lang": r.get("lang"), "condition": r.get("condition"),
                   "kind_asked": r.get("kind"), "question": r["question"], "fold": k,
                   "top3": ranked}  # fmt: skip
            out.append({**got, **outcome(r, doctor, scorer)})
    return out


def summary(got: Sequence[dict[str, Any]]) -> dict[str, Any]:
    card = [g for g in got if g["condition"]]
    n = max(1, len(card))
    by = Counter(g["outcome"] for g in card)

    def rate(key: str) -> float | None:
        vals = [g[key] for g in got if g.get(key) is not None]
        return round(sum(vals) / len(vals), 3) if vals else None

    return {
        "right_condition": rate("right_condition"),
        "urged": rate("urged"),
        "false_alarm": rate("false_alarm"),
        "questions": len(got),
        "with_card": len(card),
        "top1": round(sum(g["top3"][0] == g["condition"] for g in card) / n, 3),
        "top3": round(sum(g["condition"] in g["top3"] for g in card) / n, 3),
        **{k: round(v / n, 3) for k, v in sorted(by.items())},
        "kinds_when_card": dict(Counter(g["kind"] for g in card).most_common()),
        "without_card": len(got) - len(card),
        "declined_when_none": round(
            sum(g["outcome"] == "declined" for g in got if not g["condition"])
            / max(1, len(got) - len(card)),
            3,
        ),
    }


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--folds", type=int, default=5)
    p.add_argument("--near", type=float, default=NEAR)
    p.add_argument("--train", type=Path, default=QUESTIONS_PATH)
    p.add_argument("--json", type=Path, help="write the summary and every row here")
    p.add_argument("--misses", action="store_true", help="print the questions not named right")
    args = p.parse_args(argv)
    from config.settings import Settings

    got = run(read_jsonl(args.train), args.folds, args.near, Settings().doctor.card_margin)
    s = summary(got)
    print(json.dumps(s, ensure_ascii=False))
    if args.misses:
        for g in got:
            if g["condition"] and g["outcome"] != "named_right":
                print(g["id"], g["condition"], g["outcome"], g["kind"], g["cards"], g["top3"],
                      g["question"][:110].replace("\n", " "))  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps({"summary": s, "rows": got}, indent=1,
                                        ensure_ascii=False) + "\n")  # fmt: skip


if __name__ == "__main__":
    main()
