"""What a lower max_tokens would have given, per expert, from stored greedy answers (no server).

Greedy decoding writes the same first N tokens whatever the cap, so an answer cut at N tokens is
what `max_tokens=N` would have returned. Tokens are mapped to characters in proportion (the
stored answer has its token count), which is close enough to compare caps, not to bill them.

    python -m evals.travel.caps evals/travel/results/validation-run1.json --variant before
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from agents.knowledge import load_kb
from evals.travel.metrics import mean, score_answer

CAPS = (160, 200, 240, 280, 320)


def cut(answer: dict[str, Any], cap: int) -> str:
    tokens = answer["completion_tokens"] or 0
    text: str = answer["answer"]
    if tokens <= cap:
        return text
    return text[: round(len(text) * cap / tokens)]


def table(answers: list[dict[str, Any]], caps: Sequence[int] = CAPS) -> dict[str, Any]:
    kb = load_kb()
    experts = sorted({a["expert"] for a in answers})
    out: dict[str, Any] = {}
    for expert in experts:
        mine = [a for a in answers if a["expert"] == expert]
        rows = {}
        for cap in caps:
            scores = [
                score_answer(
                    cut(a, cap),
                    a["question"],
                    kb.get(a["destination"]),  # type: ignore[arg-type]
                    days=a["days"] if a["expert"] == "itinerary" else None,
                )
                for a in mine
            ]
            covered = [s.days_covered for s in scores if s.days_covered is not None]
            rows[cap] = {
                "repeated_line_rate": mean([s.repeated_line_rate for s in scores]),
                "looping": sum(s.looping for s in scores),
                "kb_facts": mean([s.kb_facts for s in scores]),
                "days_covered": mean(covered),
            }
        out[expert] = {"n": len(mine), "caps": rows}
    return out


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("results", type=Path, nargs="+")
    p.add_argument("--variant", default="before")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    answers = [
        a
        for path in args.results
        for a in json.loads(path.read_text("utf-8"))["answers"]
        if a["variant"] == args.variant
    ]
    result = table(answers)
    print("| expert | n | " + " | ".join(f"{c} tokens" for c in CAPS) + " |")
    print("|---|---:|" + "---|" * len(CAPS))
    for expert, r in result.items():
        cells = [
            f"rep {v['repeated_line_rate']}, loop {v['looping']}, facts {v['kb_facts']}"
            + (f", days {v['days_covered']}" if expert == "itinerary" else "")
            for v in r["caps"].values()
        ]
        print(f"| {expert} | {r['n']} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
