"""Does a follow-up stay on the condition of the doctor's earlier answer? No model needed.

A two-turn thread: an opening health question (answered card-led) and a follow-up ("要坚持用多久
才能看到效果？", "can I still swim with it?", "still itchy, what now?"). What the doctor decides
for the follow-up is measured here: it stays on the earlier cards (the model answers with them),
switches to a new condition the user raises, or leads with an emergency the follow-up shows. The
model's own wording of a follow-up is not measured (it needs the served adapter).

    python -m evals.medical.follow_ups evals/medical/data/follow_ups_<date>.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.condition_search import default_search
from evals.splits import read_jsonl

RESULTS = Path(__file__).parent / "results"
EMERGENCY_KINDS = ("emergency_card", "systemic_emergency")


def judge(row: dict[str, Any], doctor: CardLedDoctor) -> dict[str, Any]:
    first = doctor.answer([HumanMessage(row["first"])], [row["first"]])
    thread = [HumanMessage(row["first"]), first.message(), HumanMessage(row["follow_up"])]
    got = doctor.answer(thread, [row["first"], row["follow_up"]])
    expect = row["expect"]
    if expect == "stay":
        # the model, or the card's own answer to what the follow-up asks, on the same cards
        ok = got.kind in ("model", "asked") and got.cards == first.cards
    elif expect == "emergency":
        ok = got.kind in EMERGENCY_KINDS
    else:
        ok = got.kind != "model" and bool(got.cards) and got.cards[0] == expect.split(":", 1)[1]
    return {"id": row["id"], "expect": expect, "first_cards": list(first.cards),
            "kind": got.kind, "cards": list(got.cards), "ok": ok}  # fmt: skip


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("data", type=Path)
    p.add_argument("--tag", default="", help="a suffix for the result file (e.g. before/after)")
    args = p.parse_args(argv)
    from config.settings import Settings

    doctor = CardLedDoctor(Settings().doctor.card_margin, default_search())
    got = [judge(r, doctor) for r in read_jsonl(args.data)]
    for g in got:
        print(g["id"], g["expect"], g["first_cards"], "->", g["kind"], g["cards"],
              "ok" if g["ok"] else "MISS")  # fmt: skip
    print(f"{sum(g['ok'] for g in got)} / {len(got)} as expected")
    out = RESULTS / f"{args.data.stem}{'_' + args.tag if args.tag else ''}.json"
    out.write_text(json.dumps(got, indent=1, ensure_ascii=False))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
