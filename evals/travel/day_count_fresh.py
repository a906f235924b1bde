"""What the row's expert (the itinerary expert unless it says) answers (KB-led, planning from
the KB) to each row of a fresh file, with the days read from the turn: the before/after of
day_count_rule_2026-12-06.md (and of food_asks_rule_2026-12-06e.md).

    python -m evals.travel.day_count_fresh FRESH.jsonl OUT.json

Why a script: the rule is judged on whether a day count that is not the trip's is still read
as one, which shows in the read days and in the plan's own day count, not in a model's text.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path
from typing import Any

from agents.feasibility_ask import asks_feasibility
from agents.itinerary_ask import read_ask
from agents.kb_led import kb_led_answer
from evals.splits import read_jsonl

# "成都3天行程", "4-day plan for Tokyo": the plan's own day count in its first line
PLAN_DAYS = re.compile(r"(\d+)天行程|(\d+)-day plan")


def read_row(row: dict[str, Any]) -> dict[str, Any]:
    """The answer's kind, the plan's days, the turn's read days and its feasibility reading."""
    texts = [*row.get("earlier", []), row["question"]]
    answer = kb_led_answer(row.get("expert", "itinerary"), texts, True)
    ask = read_ask(row["question"])
    text = answer.text if answer else ""
    m = PLAN_DAYS.search(text.split("\n", 1)[0])
    return {
        "kind": answer.kind if answer else None,
        "plan_days": int(m.group(1) or m.group(2)) if m else None,
        "read_days": ask.days,
        "easy": ask.easy,
        "feasibility": asks_feasibility(row["question"]),
        "head": text[:120],
        "text": text,  # the whole answer, for rules judged on more than its head
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("fresh", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    found = {row["id"]: read_row(row) for row in read_jsonl(args.fresh)}
    args.out.write_text(json.dumps(found, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for key, value in found.items():
        print(key, value["kind"], value["plan_days"], value["read_days"], value["easy"],
              value["feasibility"], value["head"][:60].replace("\n", " "))  # fmt: skip


if __name__ == "__main__":
    main()
