"""Can the reading layer name an emergency's category where the nets name none? Aggregates only.

    python -m evals.triage.category_reader_grid --meaning-url http://127.0.0.1:8302 [--out F]

A multinomial logistic model over the train split's emergencies and the written ones of
2026-12-07g (`--train-only`: without them; self-harm excluded), read three
ways: the reading layer's vectors, the char n-grams (the 2026-12-04 reader, the control that
failed), and the average of the two. Per bar: named right / named wrong / unnamed among the
validation emergencies (their labelled category). Rule: category_reader_rule_2026-12-07g.md.
Never prints a validation text.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.triage.evaluate import load_split
from graph.routing.classifier import load_rows
from graph.triage.category_reader import CategoryReader, categorised, written_rows
from graph.triage.meaning import TRAIN_PATH, HttpEmbedder, cached_features

BARS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MAX_WRONG_SHARE = 0.1
FITTED = ".cache/trip-genius/fitted"


def top1(probs: Any, classes: Sequence[str], gold: Sequence[str]) -> float:
    hits = [classes[int(p.argmax())] == g for p, g in zip(probs, gold, strict=True)]
    return round(sum(hits) / len(hits), 3)


def grid(probs: Any, classes: Sequence[str], gold: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for bar in BARS:
        right = wrong = unnamed = 0
        for p, g in zip(probs, gold, strict=True):
            best = int(p.argmax())
            if p[best] < bar:
                unnamed += 1
            elif classes[best] == g:
                right += 1
            else:
                wrong += 1
        named = right + wrong
        rows.append(
            {
                "bar": bar,
                "right": right,
                "wrong": wrong,
                "unnamed": unnamed,
                "wrong_share": round(wrong / named, 3) if named else 0.0,
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meaning-url", required=True)
    parser.add_argument("--fitted-cache", type=Path, default=Path.home() / FITTED)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--train-only", action="store_true", help="without the written emergencies (Result 1)"
    )
    args = parser.parse_args()
    rows = load_rows(TRAIN_PATH) + ([] if args.train_only else written_rows())
    train_texts, train_y = categorised(rows)
    val_texts, val_y = categorised(load_split("validation"))
    client = HttpEmbedder(args.meaning_url, 120.0)
    identity = client.identity()
    train_x = cached_features(client, identity, train_texts, args.fitted_cache)
    val_x = cached_features(client, identity, val_texts, None)
    reader = CategoryReader.fit(client, train_x, train_texts, train_y, bar=0.0)
    classes = reader.classes
    pv, pc = reader.vectors.predict_proba(val_x), reader.chars.predict_proba(val_texts)
    average = reader.probabilities(val_x, val_texts)  # what the runtime reads
    result: dict[str, Any] = {
        "train_emergencies": len(train_texts),
        "validation_emergencies": len(val_texts),
        "top1": {
            name: top1(ps, classes, val_y)
            for name, ps in (("vectors", pv), ("chars", pc), ("average", average))
        },
        "grid": {
            "vectors": grid(pv, classes, val_y),
            "chars": grid(pc, classes, val_y),
            "average": grid(average, classes, val_y),
        },
    }
    for name, rows in result["grid"].items():
        ok = [r for r in rows if r["wrong_share"] <= MAX_WRONG_SHARE and r["right"] + r["wrong"]]
        result.setdefault("chosen", {})[name] = ok[0] if ok else None
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", "utf-8")


if __name__ == "__main__":
    main()
