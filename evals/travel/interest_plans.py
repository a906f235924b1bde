"""Interest rows for plan answers (travel-10): of the KB sights that fit the asked interest
(`agents/interests.py`), how many a plan puts in its days, whether day 1 holds one, whether the
plan says the interest. `python -m evals.travel.interest_plans BEFORE.json AFTER.json` (ids →
{question, answer}, as `plan_dump` writes; keys may carry a `file:` prefix). The control is the
before side: main's plans, which never say an interest."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from agents.itinerary_ask import read_ask
from agents.kb_plan import build_plan
from agents.knowledge import CJK, Lang, load_kb

DAY_HEAD = re.compile(r"\*\*(第\d+天|Day \d+)")
SAID = ("按你的兴趣", "For your interest")


def rows(answer: str, fits: list[str]) -> tuple[int, bool, bool]:
    """(fits in the days, day 1 has one, interest said); the notes block (the last) is not a day."""
    blocks = answer.rsplit("\n\n", 1)[0].split("\n\n")
    days = [b for b in blocks if DAY_HEAD.match(b)]
    planned = sum(any(f in d for d in days) for f in fits)
    first = bool(days) and any(f in days[0] for f in fits)
    return planned, first, any(s in answer for s in SAID)


def table(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> str:
    kb = load_kb()
    after = {k.split(":")[-1]: v for k, v in after.items()}
    out = [
        "| id | KB fits | fits planned | day 1 fits | interest said |",
        "|---|---:|---|---|---|",
    ]
    total = [0] * 7
    for key, row in before.items():
        id_ = key.split(":")[-1]
        question = row["question"]
        ask = read_ask(question)
        lang: Lang = "zh" if CJK.search(question) else "en"
        plan = build_plan(kb.find(question), ask.days, lang, ask.easy, question, ask.half,
                          ask.interests)  # fmt: skip
        fits = [s.text for s in plan.stays[0].fits]
        b, a = rows(row["answer"], fits), rows(after[id_]["answer"], fits)
        out.append(f"| {id_} | {len(fits)} | {b[0]} → {a[0]} | {b[1]} → {a[1]} | {b[2]} → {a[2]} |")
        for i, v in enumerate((len(fits), b[0], a[0], b[1], a[1], b[2], a[2])):
            total[i] += int(v)
        n = len(before)
    t = total
    out.append(f"| **all {n}** | {t[0]} | {t[1]} → {t[2]} | {t[3]} → {t[4]} | {t[5]} → {t[6]} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    read = lambda p: json.loads(p.read_text(encoding="utf-8"))  # noqa: E731
    print(table(read(args.before), read(args.after)))


if __name__ == "__main__":
    main()
