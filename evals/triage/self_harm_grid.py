"""Choose how the net decides self-harm, on the validation split only (2026-12-01c).

    python -m evals.triage.self_harm_grid      # the test split is refused

Why: the self-harm detector (graph/triage/detector.py) escalated skin questions on its own
("the red line on my sole keeps getting longer", detector 0.59, classifier 0.23). Swept: the
classifier's own self-harm bar, the detector's bar, and a floor the classifier's self-harm score
must reach before the detector alone may escalate (0: the detector decides alone, as before),
and whether that score must also be at least the classifier's medical score (a doctor's
question rather than a crisis).

The rule, fixed before the sweep ran: graph self-harm caught on validation must not fall below
today's (16/17); then the fewest crisis replies to non-self-harm turns (validation's ordinary
turns plus the doctor's validation questions, evals/medical/data/questions_validation.jsonl);
then most emergencies caught; ties go to today's setting, then to the lower floor and bars.
Scored as the default graph meets a turn (rules, veto, net), like detector_grid.py.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from langchain_core.messages import HumanMessage

from evals.splits import read_jsonl
from evals.triage.detector_grid import VETO_BELOW, cache_rows
from evals.triage.evaluate import RESULTS, gold, load_split
from evals.triage.self_harm_alarms import DOCTOR_QUESTIONS
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import EMERGENCY, SELF_HARM

NET_SELF_HARM = (0.3, 0.35, 0.4)
DETECTOR_BARS = (0.5, 0.55, 0.6, 0.65, 0.7)
FLOORS = (0.0, 0.1, 0.15, 0.2, 0.25)


def main() -> None:
    base = TriageClassifier()
    rows = cache_rows(base, load_split("validation"))
    doctor = [
        base.read([HumanMessage(q["question"])])
        for q in read_jsonl(DOCTOR_QUESTIONS / "questions_validation.jsonl")
    ]
    today = (base.thresholds.self_harm, base.thresholds.self_harm_detector, 0.0, False)
    results: list[tuple[tuple[float, Any, float, bool], dict[str, int]]] = []
    for nsh, bar, floor, over in itertools.product(
        NET_SELF_HARM, DETECTOR_BARS, FLOORS, (False, True)
    ):
        clf = base.with_thresholds(
            replace(
                base.thresholds,
                self_harm=nsh,
                self_harm_detector=bar,
                self_harm_floor=floor,
                self_harm_over_medical=over,
            )
        )
        n = dict.fromkeys(("sh", "sh_caught", "alarm", "doctor_alarm", "em", "em_caught"), 0)
        for c in rows:
            labels = clf.decide(c.scores, c.detected)
            flagged = bool(clf.detects(c.detected))  # the veto reads the detectors alone
            confident = c.scores[EMERGENCY] < VETO_BELOW and c.scores[SELF_HARM] < VETO_BELOW
            rules = c.rules_emergency and not (c.vetoable and confident and not flagged)
            want = gold(c.row)
            escalated = rules or labels[0] in (EMERGENCY, SELF_HARM)
            if want == (SELF_HARM,):
                n["sh"] += 1
                n["sh_caught"] += escalated
            elif want == (EMERGENCY,):
                n["em"] += 1
                n["em_caught"] += escalated
            else:
                n["alarm"] += not rules and labels == (SELF_HARM,)
        n["doctor_alarm"] = sum(clf.decide(s, d) == (SELF_HARM,) for s, d in doctor)
        results.append(((nsh, bar, floor, over), n))
    floor_caught = next(n for k, n in results if k == today)["sh_caught"]

    def rank(item: tuple[tuple[float, Any, float, bool], dict[str, int]]) -> tuple[float, ...]:
        (nsh, bar, floor, over), n = item
        return (
            -(n["alarm"] + n["doctor_alarm"]),
            n["em_caught"],
            (nsh, bar, floor, over) == today,
            -over,
            -floor,
            -nsh,
            -bar,
        )

    allowed = [r for r in results if r[1]["sh_caught"] >= floor_caught]
    best = max(allowed, key=rank)
    lines = [
        "# Self-harm decision on validation (default graph: rules + veto + net)",
        "",
        "| net self-harm | detector bar | classifier floor | over medical | self-harm caught | "
        "crisis replies to ordinary turns | to doctor's questions | emergencies caught |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {n['sh_caught']}/{n['sh']} | {n['alarm']} | "
        f"{n['doctor_alarm']}/160 | {n['em_caught']}/{n['em']} |"
        for k, n in results
    ]
    lines += ["", f"Today: {today}. Chosen by the rule: {best[0]}, {best[1]}.", ""]
    out = RESULTS / "self_harm_grid_validation.md"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines[-3:]))


if __name__ == "__main__":
    main()
