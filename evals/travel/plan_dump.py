"""The KB day plans of a set of questions, written to JSON (no model, no server): what a
byte-identical before/after check compares (travel-10: `python -m evals.travel.plan_dump OUT
FILE.jsonl…`; run it in each checkout). Only the rows that are plan asks get a plan."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from agents.itinerary_ask import read_ask
from agents.kb_plan import kb_plan_answer


def dump(paths: list[Path]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("expert") != "itinerary":
                continue
            ask = read_ask(row["question"])
            if not ask.plan:
                continue
            answer = kb_plan_answer(ask, [row["question"]])
            key = f"{path.name}:{row['id']}"
            out[key] = {"question": row["question"], "answer": answer.text}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    args = parser.parse_args()
    data = dump(args.files)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(data)} plans -> {args.out}")


if __name__ == "__main__":
    main()
