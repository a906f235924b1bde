"""Near-duplicates between labelled files, measured as `build_splits` measures them (cosine of
character 3-gram counts of the labelled, last user turn; the cap is `MAX_SIMILARITY`, 0.8).

    python -m evals.triage.near_duplicates NEW.jsonl OTHER.jsonl...

Prints, for NEW against itself and against each OTHER, the largest similarity and every pair
over the cap; exits 1 when there is one. Used to write supplements and train rows after the
splits were built (they never went through `build_splits`). Only numbers are printed for a
file named `test*` (the sealed split is not read).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from evals.splits import read_jsonl
from evals.triage.build_splits import MAX_SIMILARITY, last_turn


def similarities(a: list[str], b: list[str]) -> list[list[float]]:
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    counts = CountVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=True).fit(a + b)
    va, vb = normalize(counts.transform(a)), normalize(counts.transform(b))
    return (va @ vb.T).toarray().tolist()  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("new", type=Path)
    parser.add_argument("others", nargs="*", type=Path)
    args = parser.parse_args()
    new = [last_turn(r) for r in read_jsonl(args.new)]
    over = False
    for other in (args.new, *args.others):
        texts = [last_turn(r) for r in read_jsonl(other)]
        sims = similarities(new, texts)
        same = other == args.new
        best, pairs = 0.0, []
        for i, row in enumerate(sims):
            for j, s in enumerate(row):
                if same and j <= i:
                    continue
                best = max(best, s)
                if s > MAX_SIMILARITY:
                    pairs.append((s, i, j))
        print(f"{other.name}: max {best:.3f}, over {MAX_SIMILARITY}: {len(pairs)}")
        sealed = other.name.startswith("test")
        for s, i, j in sorted(pairs, reverse=True):
            print(f"  {s:.3f}  {new[i][:60]}" + ("" if sealed else f"  ~  {texts[j][:60]}"))
        over = over or bool(pairs)
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
