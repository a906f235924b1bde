"""Should a confident classifier "not an emergency" overrule a red-flag rule? Measured, not assumed.

    python -m evals.triage.rules_veto [--split train|validation]

The design measured (graph/triage/veto.py): a rules hit is dropped only when (a) every flag it
raised is one people use as hyperbole (IDIOM_PRONE, fixed from the issue's own list of idioms
before measuring; self-harm, for 想死你了, measured as a variant), (b) the turn is no injection
and no open emergency, and (c) the classifier's emergency and self-harm scores are both below
`below`. It is compared with leaving the rules alone, on caught and on false alarms, as the
graph without a model meets a turn (rules, then the classifier). Adopt only if caught does not
drop. Results: evals/triage/results/rules_veto_<split>.md.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from agents.history import user_texts
from evals.triage.evaluate import RESULTS, LayerReport, load_split
from graph.routing.base import previous_experts
from graph.safety import check_turn
from graph.triage.classifier import default_triage_classifier
from graph.triage.labels import EMERGENCY, SELF_HARM
from graph.triage.sft import thread_messages
from graph.triage.veto import IDIOM_PRONE, RulesVeto

FLAG_SETS: dict[str, frozenset[str]] = {
    ", ".join(sorted(IDIOM_PRONE)): IDIOM_PRONE,
    "+ self_harm": IDIOM_PRONE | {"self_harm"},
}
BELOW = (0.05, 0.1, 0.2)


def verdict_of(messages: Sequence[BaseMessage]) -> Any:
    texts = user_texts(messages)
    return check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="validation", choices=["train", "validation"])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows = load_split(args.split)  # never the sealed test split
    classifier = default_triage_classifier()
    cached = []
    for row in rows:
        messages = thread_messages(row)
        cached.append((row, messages, verdict_of(messages), classifier.classify(messages)))
    designs: list[tuple[str, frozenset[str] | None, float]] = [("rules left alone", None, 0.0)]
    for flag_set, idiom_prone in FLAG_SETS.items():
        designs += [(f"veto {flag_set}, scores < {b}", idiom_prone, b) for b in BELOW]
    lines = [
        f"# Rules veto on the {args.split} split (python -m evals.triage.rules_veto)",
        "",
        "Graph without a model: red-flag rules (maybe vetoed), then the classifier's labels.",
        "",
        "| design | rules caught | rules FA hard | graph caught | graph self-harm "
        "| graph FA hard | graph FA all | vetoed true emergencies | vetoed false alarms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, flags, below in designs:
        rules_report, graph_report = LayerReport("rules"), LayerReport("graph")
        lost = saved = 0
        veto = RulesVeto(classifier, below, flags) if flags is not None else None
        for row, messages, verdict, classified in cached:
            hit = verdict.emergency
            if veto is not None and veto.overrules(verdict, messages):
                hit = False
                real = bool({EMERGENCY, SELF_HARM} & set(row["labels"]))
                lost += real
                saved += not real
            rules_report.add(row, ("emergency",) if hit else ("out_of_scope",), None)
            if hit:
                graph_labels: tuple[str, ...] = ("emergency",)
            elif verdict.injection and not set(classified.labels) & {EMERGENCY, SELF_HARM}:
                graph_labels = ("out_of_scope",)
            else:
                graph_labels = classified.labels
            graph_report.add(row, graph_labels, None)
        r, g = rules_report.summary(), graph_report.summary()
        lines.append(
            f"| {name} | {r['emergencies_caught']} | {r['false_alarms_hard_negatives']} "
            f"| {g['emergencies_caught']} | {g['self_harm_caught']} "
            f"| {g['false_alarms_hard_negatives']} | {g['false_alarms_all_ordinary']} "
            f"| {lost} | {saved} |"
        )
    out = args.out or RESULTS / f"rules_veto_{args.split}.md"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))
    print(f"-> {out}")


if __name__ == "__main__":
    main()
