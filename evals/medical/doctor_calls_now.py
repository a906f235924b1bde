"""Whether the card-led doctor alone tells each turn of a labelled triage file to call now, as
the urgent-care tier asks it (graph/urgent_care.py): a measure of the doctor's emergency reading
on turns that reach it, apart from triage's rules and nets, which answer most emergencies first.

    python -m evals.medical.doctor_calls_now FILE.jsonl OUT.json

Never the sealed test split.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from langchain_core.messages import HumanMessage

from evals.splits import is_sealed_file, read_jsonl
from evals.triage.urgent_care import doctor_says_call_now
from graph.triage.labels import EMERGENCY, SELF_HARM


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    if is_sealed_file(args.data):
        parser.error("the test split is sealed")
    out: dict[str, dict[str, object]] = {}
    for row in read_jsonl(args.data):
        turns = [HumanMessage(m["content"]) for m in row["messages"] if m["role"] == "user"]
        calls, kind = doctor_says_call_now(turns)
        is_emergency = bool({EMERGENCY, SELF_HARM} & set(row["labels"]))
        out[row["id"]] = {"emergency": is_emergency, "calls_now": calls, "kind": kind}
    args.out.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    real = [v for v in out.values() if v["emergency"]]
    alike = [v for v in out.values() if not v["emergency"]]
    print(
        f"emergencies told to call now {sum(bool(v['calls_now']) for v in real)}/{len(real)}; "
        f"others {sum(bool(v['calls_now']) for v in alike)}/{len(alike)} -> {args.out}"
    )


if __name__ == "__main__":
    main()
