"""Would the reading server's vectors (serving/embedder.py: the base model's first 6 layers,
mean-pooled) find the right condition card better than the char n-gram retriever? An offline
probe on the validation questions, never the test split.

    python -m evals.medical.retrieval_reading_probe --url http://127.0.0.1:8302

A logistic model over card ids, trained on what the retriever trains on (every card's names,
aliases and looks-like phrases plus the train questions), its probabilities scaled by their best
and blended into the retriever's scores at w (w = 0: the retriever as served; w = 1: the vectors
alone). Result: results/retrieval_reading_probe_2026-12-03.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from agents.knowledge.condition_search import NO_CARD, card_phrases, default_search, load_questions
from evals.medical.retrieval import questions
from graph.triage.meaning import HttpEmbedder, cached_features

C_VALUES = (0.01, 0.05, 0.2)
WEIGHTS = (0.0, 0.2, 0.3, 0.5, 1.0)


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--cache", type=Path, default=Path("var/fitted"))
    args = parser.parse_args()
    embed = HttpEmbedder(args.url, 300)
    identity = embed.identity()
    search = default_search()
    ids = [c.id for c in search.cards]
    texts = [p for c in search.cards for p in card_phrases(c)]
    labels = [c.id for c in search.cards for _p in card_phrases(c)]
    for question, cid in load_questions():
        if cid in {*ids, NO_CARD}:
            texts.append(question)
            labels.append(cid)
    rows = [r for r in questions("validation") if r["condition"]]
    x = cached_features(embed, identity, texts, args.cache)
    v = cached_features(embed, identity, [r["question"] for r in rows], args.cache)
    scaler = StandardScaler().fit(x)
    served = [search.scores(r["question"]) for r in rows]
    for c in C_VALUES:
        model = LogisticRegression(C=c, max_iter=3000).fit(scaler.transform(x), labels)
        order = {cid: i for i, cid in enumerate(model.classes_)}
        probs = model.predict_proba(scaler.transform(v))
        for w in WEIGHTS:
            top1 = top3 = 0
            for row, base, p in zip(rows, served, probs, strict=True):
                read = [p[order[i]] for i in ids]
                best = max(read) or 1.0
                mixed = [(1 - w) * b + w * h / best for b, h in zip(base, read, strict=True)]
                ranked = [ids[j] for j in np.argsort(mixed)[::-1][:3]]
                top1 += ranked[0] == row["condition"]
                top3 += row["condition"] in ranked
            n = len(rows)
            print(f"C={c} w={w}: top-1 {top1 / n:.3f}  top-3 {top3 / n:.3f}  (n={n})")


if __name__ == "__main__":
    main()
