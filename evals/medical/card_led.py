"""Choose the card-led doctor's margin on the validation questions (`--grid`), no server.

The margin decides when one card is named (its lead over the next card, or the user named it)
and when the answer lists the candidates instead. A wrongly named card brings that card's care,
which can harm (an antifungal on a rash that is not fungal); a list is safe but less useful. The
rule, fixed before the grid was run: **the smallest margin at which at most 5% of the questions
that have a card get a wrong card named**; among equal margins, the most right cards named.

    python -m evals.medical.card_led --grid            # validation only; the test split is sealed
    python -m evals.medical.card_led --vague-grid      # min_findings of the "too vague" rule
    python -m evals.medical.card_led --fresh medical/data/fresh_<date>.jsonl   # new phrasings

The "too vague" rule (`min_findings`, agents/prompts/medical_question_kinds.yaml), fixed before
its grid ran: **the largest value at which at most 3% of the questions that have a card are
answered "too vague"** (such a question loses its card).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.card_asks import card_asks
from agents.knowledge import text_lang
from agents.knowledge.condition_search import ConditionSearch, default_search
from evals.splits import read_jsonl

DATA = Path(__file__).parent / "data" / "questions_validation.jsonl"
RESULTS = Path(__file__).parent / "results"
MARGINS = tuple(round(0.05 * i, 2) for i in range(11))
MAX_WRONG = 0.05
MAX_VAGUE = 0.03
NAMING_KINDS = ("card", "emergency_card", "same_day_card", "prescription")


def outcome(row: dict[str, Any], doctor: CardLedDoctor) -> str:
    """named_right / named_wrong / listed_right / listed_wrong / declined, for one question."""
    planned = doctor.answer([HumanMessage(row["question"])], [row["question"]])
    right = {row["condition"], *row.get("also", [])} - {None}
    if planned.kind in NAMING_KINDS and planned.cards:
        return "named_right" if planned.cards[0] in right else "named_wrong"
    if planned.kind == "unsure":
        return "listed_right" if right & set(planned.cards) else "listed_wrong"
    return "declined"


def grid(rows: Sequence[dict[str, Any]], search: ConditionSearch) -> list[dict[str, Any]]:
    with_card = [r for r in rows if r["condition"]]
    without = [r for r in rows if not r["condition"]]
    table = []
    for margin in MARGINS:
        doctor = CardLedDoctor(margin, search)
        counts = Counter(outcome(r, doctor) for r in with_card)
        declined_right = sum(outcome(r, doctor) == "declined" for r in without)
        n = len(with_card)
        table.append({
            "margin": margin,
            **{k: round(counts[k] / n, 3) for k in
               ("named_right", "named_wrong", "listed_right", "listed_wrong", "declined")},
            "no_card_declined": round(declined_right / max(1, len(without)), 3),
            "n_with_card": n,
            "n_without": len(without),
        })  # fmt: skip
    return table


def vague_grid(rows: Sequence[dict[str, Any]], search: ConditionSearch) -> list[dict[str, Any]]:
    """Per min_findings: the share of card questions and of no-card questions called too vague."""
    import agents.card_answer as card_answer
    from agents.medical_questions import question_kinds

    base = question_kinds()
    table = []
    try:
        for m in range(4):
            kinds = dataclasses.replace(base, min_findings=m)
            card_answer.question_kinds = lambda kinds=kinds: kinds  # type: ignore[assignment]
            doctor = CardLedDoctor(0.1, search)
            vague = [
                (
                    bool(r["condition"]),
                    doctor.answer([HumanMessage(r["question"])], [r["question"]]).kind
                    == "too_vague",
                )
                for r in rows
            ]
            with_card = [v for c, v in vague if c]
            without = [v for c, v in vague if not c]
            table.append({
                "min_findings": m,
                "with_card_too_vague": round(sum(with_card) / len(with_card), 3),
                "no_card_too_vague": round(sum(without) / max(1, len(without)), 3),
            })  # fmt: skip
    finally:
        card_answer.question_kinds = question_kinds
    return table


EXPECTED = {
    "too_vague": ("too_vague",),
    "non_skin": ("non_skin", "cannot_tell", "too_vague"),
    "card": ("card", "emergency_card", "same_day_card"),
    "emergency": ("emergency_card", "systemic_emergency"),
    # leads with care now or a doctor today, never a benign card's "most like" (doctor-7)
    "urgent": ("emergency_card", "systemic_emergency", "systemic_urgent", "same_day_card"),
    # a dose request: refused; with the card of the condition it is about, or with none
    "prescription_card": ("prescription",),
    "prescription": ("prescription",),
    # a doctor today, in person, on this card: not "call now" (NHS: same-day GP / 111) (doctor-8)
    "today": ("systemic_urgent", "same_day_card"),
    # a benign look-alike with systemic-sounding words: anything but a call-now answer (doctor-8)
    "not_call_now": (
        "card",
        "unsure",
        "systemic_urgent",
        "same_day_card",
        "too_vague",
        "cannot_tell",
        "asked",
    ),
}


def fresh(rows: Sequence[dict[str, Any]], doctor: CardLedDoctor) -> list[dict[str, Any]]:
    """Each fresh phrasing's answer kind and cards against what it was written to expect."""
    out = []
    for r in rows:
        got = doctor.answer([HumanMessage(r["question"])], [r["question"]])
        ok = got.kind in EXPECTED[r["expect"]]
        if ok and r["expect"] in ("card", "prescription_card", "today"):
            ok = bool(got.cards) and got.cards[0] == r["condition"]
        if ok and r["expect"] == "prescription":
            ok = not got.cards
        if ok and r.get("asks"):
            # the answer addresses what the question asks (from the card, or says it can't)
            lang = text_lang(r["question"])
            ok = all(card_asks().labels[a][lang] in str(got.text) for a in r["asks"])
        first = got.text.splitlines()[0] if got.text else None
        out.append({"id": r["id"], "expect": r["expect"], "kind": got.kind,
                    "cards": list(got.cards), "ok": ok, "first_line": first})  # fmt: skip
    return out


def choose(table: Sequence[dict[str, Any]]) -> dict[str, Any]:
    ok = [row for row in table if row["named_wrong"] <= MAX_WRONG]
    if not ok:
        return min(table, key=lambda r: (r["named_wrong"], -r["named_right"]))
    return min(ok, key=lambda r: (r["margin"], -r["named_right"]))


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--grid", action="store_true")
    mode.add_argument("--vague-grid", action="store_true")
    mode.add_argument("--fresh", type=Path, help="a file of fresh phrasings with `expect`")
    p.add_argument("--out", type=Path, default=RESULTS / "card_led_grid_validation.json")
    args = p.parse_args(argv)
    if args.fresh:
        from config.settings import Settings
        from evals.records import commit_of

        margin = Settings().doctor.card_margin
        got = fresh(read_jsonl(args.fresh), CardLedDoctor(margin, default_search()))
        for g in got:
            print(g["id"], g["expect"], g["kind"], g["cards"], "ok" if g["ok"] else "MISS")
        print(f"{sum(g['ok'] for g in got)} / {len(got)} as expected")
        out = RESULTS / f"{args.fresh.stem}_{commit_of()[0]}.json"
        out.write_text(json.dumps(got, indent=1, ensure_ascii=False))
        print(f"wrote {out}")
        return
    if args.vague_grid:
        vt = vague_grid(read_jsonl(DATA), default_search())
        ok = [r for r in vt if r["with_card_too_vague"] <= MAX_VAGUE]
        pick = max(ok, key=lambda r: r["min_findings"])
        for r in vt:
            print(r, "←" if r is pick else "")
        out = RESULTS / "card_led_vague_grid_validation.json"
        out.write_text(json.dumps({"rule": __doc__, "table": vt, "chosen": pick}, indent=1))
        print(f"chosen min_findings {pick['min_findings']}; wrote {out}")
        return
    table = grid(read_jsonl(DATA), default_search())
    chosen = choose(table)
    print("| margin | named right | named wrong | listed, right among | listed, wrong | declined "
          "| no-card declined |\n|---|---|---|---|---|---|---|")  # fmt: skip
    for r in table:
        mark = " ←" if r is chosen else ""
        print(f"| {r['margin']}{mark} | {r['named_right']} | {r['named_wrong']} | "
              f"{r['listed_right']} | {r['listed_wrong']} | {r['declined']} | "
              f"{r['no_card_declined']} |")  # fmt: skip
    args.out.write_text(json.dumps({"rule": __doc__, "table": table, "chosen": chosen}, indent=1))
    print(f"chosen margin {chosen['margin']}; wrote {args.out}")


if __name__ == "__main__":
    main()
