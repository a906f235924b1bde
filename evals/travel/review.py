"""A review file for travel answers: read them as the person asking would, one verdict each.

    python -m evals.travel.review --results evals/travel/results/validation-run1.json \\
        --variant before --out evals/travel/results/review-before.md
    # fill every `verdict:` line: good / repetitive / wrong / off-lane (+ a note)
    python -m evals.travel.review --tally evals/travel/results/review-before.md

Verdicts: good (a usable answer to the question, KB sights, no treatment advice), repetitive
(loops or says the same thing over), wrong (invented or misplaced facts, does not answer what
was asked), off-lane (gives medical treatment advice, or answers a health question instead of the
travel one). The first that applies, in the order off-lane, repetitive, wrong, good.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

VERDICTS = ("good", "repetitive", "wrong", "off-lane")
VERDICT_LINE = re.compile(r"^verdict:\s*(\S+)", re.M)


def render(results: Path, variant: str, n: int, seed: int) -> str:
    report = json.loads(results.read_text("utf-8"))
    answers = [a for a in report["answers"] if a["variant"] == variant]
    drawn = sorted(random.Random(seed).sample(answers, min(n, len(answers))), key=lambda a: a["id"])
    lines = [
        f"# Review: `{variant}` on {report['split']} ({len(drawn)} answers, seed {seed})",
        "",
        f"From `{results.as_posix()}` (commit `{report['commit']}`). Verdicts: "
        + " / ".join(VERDICTS)
        + " (evals/travel/review.py says what each means).",
    ]
    for a in drawn:
        s = a["scores"]
        lines += [
            "",
            f"## {a['id']} · {a['expert']} · {a['lang']}",
            "",
            f"**Q:** {a['question']}",
            "",
            f"metrics: repeated lines {s['repeated_line_rate']}, KB facts {s['kb_facts']}, "
            f"treatment advice {s['treatment_advice']}, tokens {a['completion_tokens']}",
            "",
            "```text",
            a["answer"].strip(),
            "```",
            "",
            "verdict: ",
        ]
    return "\n".join(lines) + "\n"


def tally(path: Path) -> Counter[str]:
    found = VERDICT_LINE.findall(path.read_text("utf-8"))
    unknown = [v for v in found if v not in VERDICTS]
    if unknown:
        raise SystemExit(f"unknown verdicts {unknown}; use {VERDICTS}")
    return Counter(found)


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--results", type=Path)
    p.add_argument("--variant", default="served")
    p.add_argument("--n", type=int, default=15)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path)
    p.add_argument("--tally", type=Path)
    args = p.parse_args(argv)
    if args.tally:
        print(dict(tally(args.tally)))
        return
    if not args.results or not args.out:
        raise SystemExit("--results and --out (or --tally FILE)")
    if args.out.exists():
        raise SystemExit(f"{args.out} exists; a review file is never overwritten")
    args.out.write_text(render(args.results, args.variant, args.n, args.seed), "utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
