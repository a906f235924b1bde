"""How many doctor answers an unrelated card edit moves through the retriever's refit alone.

    python -m evals.medical.edit_stability [--fits early,converged,newton] [--seed 0] [--out F]

Why: the retriever's classifier is refitted on every card edit; if its fit ends wherever the
optimiser stops, an alias on one card reorders near-tied cards everywhere (06j: two frostbite
aliases moved 290 of 10,721 stored answers). For a fit, the search over the tree's cards and the
same search with one edit applied in memory are compared over the doctor sweep's threads
(`evals.sweep.repo_threads`), leaving out texts that hold an edited word: first the retrieval
signature (cards that fit the doctor's question — the last turn, and the last two joined — and
whether the first leads by the card margin); where it moved, the card-led doctor answers with each
search (the tree's cards: only the retriever differs) and its first card and "call now" are
compared (results/steady_retriever_rule_2026-12-07a.md). Never the sealed test split.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.fitted_models import trusted_inputs
from agents.knowledge.condition_search import ConditionSearch, SearchConfig, load_questions
from agents.knowledge.conditions import ConditionKB, load_conditions
from agents.knowledge.negation import affirmed
from evals.medical.seed_spread import FITS
from evals.sweep import repo_threads

# Each edit: aliases added per card and language, and the words whose texts are left out.
EDITS: dict[str, tuple[dict[str, dict[str, list[str]]], list[str]]] = {
    # prepare_prevent_rule_2026-12-06j.md, amendment b
    "frostbite_dongbai": ({"frostbite": {"zh": ["手脚冻坏了", "脸冻坏了"]}}, ["冻"]),
    # the alias lines of results/card_misses_aliases_tried_2026-12-06j.diff
    "card_misses": (
        {
            "contact_dermatitis": {
                "zh": ["用了酒店的肥皂手脱皮", "换了洗手液或洗发水手发红起皮"],
                "en": [
                    "hands peeling after using the hotel soap",
                    "a new hand wash or shampoo made my hands red and flaky",
                ],
            },
            "xerosis": {
                "zh": ["冬天孩子脸上干得脱皮", "暖气房里脸蛋干起皮"],
                "en": [
                    "child's face dry and peeling in winter",
                    "cheeks flaky from the cold dry air",
                ],
            },
            "sea_urchin": {
                "zh": ["在海里被什么东西扎了脚底留下黑点"],
                "en": [
                    "stung by something in the sea and now black dots in my foot",
                    "stepped on something spiky in the sea",
                    "purple-black dots left in my foot after the sea",
                ],
            },
            "hand_foot_mouth": {"zh": ["手足口"]},
        },
        # as run on 2026-12-07a: "hand" and "wash" each (the rule said "hand wash": more left out)
        [
            "肥皂",
            "洗手液",
            "洗发水",
            "soap",
            "hand",
            "wash",
            "shampoo",
            "冬天",
            "暖气",
            "winter",
            "cold",
            "海",
            "sea",
            "urchin",
            "黑点",
            "dots",
            "手足口",
            "spiky",
        ],
    ),
}


def edited(kb: ConditionKB, adds: dict[str, dict[str, list[str]]]) -> ConditionKB:
    cards = []
    for card in kb.cards.values():
        more = adds.get(card.id, {})
        aliases = {lang: (*card.aliases[lang], *more.get(lang, [])) for lang in card.aliases}
        cards.append(dataclasses.replace(card, aliases=aliases))
    return ConditionKB(cards)


def asked(thread: tuple[str, ...]) -> list[str]:
    """The questions the doctor reads the cards for: the last turn, and the last two joined."""
    return [thread[-1]] if len(thread) == 1 else [thread[-1], f"{thread[-2]}\n{thread[-1]}"]


def signature(search: ConditionSearch, thread: tuple[str, ...], margin: float) -> tuple[Any, ...]:
    out: list[Any] = []
    for question in asked(thread):
        got = search.fitting([question])
        ahead = len(got) < 2 or got[0].score - got[1].score >= margin
        out.append((tuple(m.card.id for m in got), ahead))
    return tuple(out)


def signatures(
    search: ConditionSearch, questions: list[str], plain: list[str], margin: float
) -> dict[str, tuple[Any, ...]]:
    """`signature`'s per-question part for many questions at once (`plain`: each one
    `affirmed`): `fitting` in matrix form — one transform and one prediction for all — because
    question by question it took ~7 min per search on the loaded box."""
    import numpy as np

    config = search.config
    with trusted_inputs():
        cos = (search._cards_matrix @ search.vectorizer.transform(plain).T).T.toarray()
        probs = search.classifier.predict_proba(plain)
    prob = probs[:, search._class_index]
    top_cos = np.where(cos.max(axis=1) > 0, cos.max(axis=1), 1.0)[:, None]
    top_prob = np.where(prob.max(axis=1) > 0, prob.max(axis=1), 1.0)[:, None]
    scores = config.lexical_weight * cos / top_cos + (1 - config.lexical_weight) * prob / top_prob
    fits = cos.max(axis=1) >= config.min_cosine
    if config.max_none < 1.0 and search._no_card_index is not None:
        fits &= probs[:, search._no_card_index] < config.max_none
    out: dict[str, tuple[Any, ...]] = {}
    for i, question in enumerate(questions):
        if not fits[i]:
            out[question] = ((), True)
            continue
        order = np.argsort(-scores[i], kind="stable")[:3]
        ahead = scores[i][order[0]] - scores[i][order[1]] >= margin
        out[question] = (tuple(search.cards[j].id for j in order), bool(ahead))
    return out


def answer(doctor: CardLedDoctor, thread: tuple[str, ...]) -> tuple[str | None, bool, str | None]:
    got = doctor.answer([HumanMessage(t) for t in thread], list(thread))
    return (got.cards[0] if got.cards else None), got.calls_now(), got.text


def one(fit: str, seed: int, margin: float) -> dict[str, Any]:
    started = time.monotonic()
    config = SearchConfig(random_state=seed, **FITS[fit])
    kb, examples = load_conditions(), load_questions()
    base = ConditionSearch(kb, examples, config)
    threads = repo_threads()
    questions = sorted({q for t in threads for q in asked(t)})
    plain = [affirmed(q) for q in questions]
    before = signatures(base, questions, plain, margin)
    for t in threads[:100]:  # the matrix form gives what `fitting` gives
        assert signature(base, t, margin) == tuple(before[q] for q in asked(t)), t
    out: dict[str, Any] = {"fit": fit, "seed": seed, "threads": len(threads)}
    for name, (adds, words) in EDITS.items():
        search = ConditionSearch(edited(kb, adds), examples, config)
        after = signatures(search, questions, plain, margin)
        kept = [t for t in threads if not any(w in "\n".join(t).lower() for w in words)]
        moved = [t for t in kept if any(before[q] != after[q] for q in asked(t))]
        was, now = CardLedDoctor(margin, base), CardLedDoctor(margin, search)
        first = calls = texts = 0
        examples_moved = []
        for t in moved:
            a, b = answer(was, t), answer(now, t)
            first += a[0] != b[0]
            calls += a[1] != b[1]
            texts += a[2] != b[2]
            if a[1] != b[1]:
                examples_moved.append({"thread": t, "before": a[:2], "after": b[:2]})
        out[name] = {"texts": len(kept), "signature_moved": len(moved), "top1_moved": first,
                     "call_now_moved": calls, "answer_moved": texts,
                     "call_now_changes": examples_moved}  # fmt: skip
    out["seconds"] = round(time.monotonic() - started)
    return out


def main() -> None:
    from config.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fits", default="early,converged,newton")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    margin = Settings().doctor.card_margin
    records = []
    for fit in args.fits.split(","):
        records.append(one(fit, args.seed, margin))
        print(json.dumps(records[-1], ensure_ascii=False), flush=True)
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))


if __name__ == "__main__":
    main()
