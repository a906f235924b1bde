"""Assemble the hand-written triage turns into train / validation / test, near-duplicates capped.

Input: the writers' batch files (JSONL, schema in evals/triage/README.md). Near-duplicates are
measured as the cosine of character 3-gram counts between the labelled (last) user turns; of
each pair above `MAX_SIMILARITY` the later row is dropped. Rows sharing a `scenario` key (the
same situation retold) go to the same split, by a stable hash of the key.

`python -m evals.triage.build_splits RAW_DIR...` rewrites graph/triage/data/train.jsonl (what the
runtime trains on) and evals/triage/data/{validation,test}.jsonl, and prints the counts.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path
from typing import Any

from evals.splits import bucket, read_jsonl, write_jsonl

ROOT = Path(__file__).resolve().parents[2]
TRAIN_PATH = ROOT / "graph" / "triage" / "data" / "train.jsonl"
EVAL_DIR = Path(__file__).parent / "data"
MAX_SIMILARITY = 0.8
WEIGHTS = (0.6, 0.2, 0.2)


def last_turn(row: dict[str, Any]) -> str:
    return str(row["messages"][-1]["content"])


def near_duplicates(rows: list[dict[str, Any]], threshold: float) -> tuple[set[int], float]:
    """Indexes to drop (the later of each too-similar pair) and the largest similarity kept."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    counts = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=True)
    vectors = normalize(counts.fit_transform([last_turn(r) for r in rows]))
    sims = (vectors @ vectors.T).toarray()
    drop: set[int] = set()
    kept_max = 0.0
    for i in range(len(rows)):
        if i in drop:
            continue
        for j in range(i + 1, len(rows)):
            if j in drop:
                continue
            if sims[i, j] > threshold:
                drop.add(j)
            else:
                kept_max = max(kept_max, float(sims[i, j]))
    return drop, kept_max


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("raw", nargs="+", type=Path, help="folders of *.jsonl batch files")
    args = parser.parse_args()
    rows = [r for folder in args.raw for f in sorted(folder.glob("*.jsonl")) for r in read_jsonl(f)]
    drop, kept_max = near_duplicates(rows, MAX_SIMILARITY)
    kept = [r for i, r in enumerate(rows) if i not in drop]
    splits: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in kept:
        splits[bucket(str(r["scenario"]), WEIGHTS, salt="triage")].append(r)
    write_jsonl(TRAIN_PATH, splits["train"])
    for name in ("validation", "test"):
        write_jsonl(EVAL_DIR / f"{name}.jsonl", splits[name])
    summary = {
        "rows": len(rows),
        "near_duplicates_dropped": len(drop),
        "max_similarity_kept": round(kept_max, 3),
        "threshold": MAX_SIMILARITY,
        **{
            name: {
                "rows": len(split),
                "emergency": sum("emergency" in r["labels"] for r in split),
                "self_harm": sum("self_harm" in r["labels"] for r in split),
                "hard_negative": sum(bool(r.get("hard_negative")) for r in split),
                "multi_intent": sum(len(r["labels"]) > 1 for r in split),
                "multi_turn": sum(len(r["messages"]) > 1 for r in split),
                "lang": dict(collections.Counter(r["lang"] for r in split)),
            }
            for name, split in splits.items()
        },
    }
    (EVAL_DIR / "splits.json").write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
