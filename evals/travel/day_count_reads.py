"""The full travel sweep narrowed exactly to what a change of `trip_length`, `asks_feasibility`
or `read_ask` can move (day_count_rule_2026-12-06.md; `read_ask` since
food_asks_rule_2026-12-06e.md).

    python -m evals.travel.day_count_reads reads OUT.json            # each repo text's readings
    python -m evals.travel.day_count_reads answers BEFORE.json AFTER.json OUT.json

Run `reads` once per code version (`PYTHONPATH=<worktree>`), then `answers` once per version
with the two reads files: it answers, with every KB-led travel expert, only the repo threads
holding a text whose reading differs. Why: on the shared 2-core box the full sweep (45,050
answers) had not finished after 22 CPU-minutes; an answer can only change in a thread where one
of the two changed readings changes, so the narrowed run finds the same changed answers.
Compare two `answers` outputs with `python -m evals.sweep diff`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from agents.feasibility_ask import asks_feasibility
from agents.itinerary_ask import read_ask
from agents.trip_length import trip_length
from evals.sweep import repo_threads, travel_answers


def readings() -> dict[str, Any]:
    """Each distinct user text of the repo threads: its trip length, feasibility and ask reading."""
    found: dict[str, Any] = {}
    for text in sorted({t for thread in repo_threads() for t in thread}):
        length = trip_length(text)
        found[text] = [
            None if length is None else [length.days, length.half],
            asks_feasibility(text),
            repr(read_ask(text)),
        ]
    return found


def answers(before: Path, after: Path) -> dict[str, str | None]:
    """Every KB-led expert's answer to the threads holding a text read differently."""
    a = json.loads(before.read_text(encoding="utf-8"))
    b = json.loads(after.read_text(encoding="utf-8"))
    moved = {t for t in a.keys() | b.keys() if a.get(t) != b.get(t)}
    threads = [thread for thread in repo_threads() if moved & set(thread)]
    out = travel_answers(threads)
    print(f"{len(moved)} texts read differently, {len(threads)} threads, {len(out)} answers")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["reads", "answers"])
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    found = readings() if args.what == "reads" else answers(args.paths[0], args.paths[1])
    args.paths[-1].write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
