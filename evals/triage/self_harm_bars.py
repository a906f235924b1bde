"""Choose the self-harm bars (and whether the emergency detector may overrule a doctor's turn)
on validation: the original split plus the language validation turns
(`data/validation_languages_2026-12-02.jsonl`, written and frozen before any change).

    python -m evals.triage.self_harm_bars      # the test split is never read

Why: issue 11 asks that no self-harm turn reach a model. After the language training turns
(2026-12-02) 4 of 21 language validation self-harm turns still scored under the net's bars
(classifier self-harm 0.3, detector 0.5).

The rule, fixed before the sweep ran: (1) the fewest self-harm turns reaching a model (not
escalated by the default graph: rules, veto, net); (2) among settings whose cost stays within
today's + 2 crisis replies to non-self-harm turns (ordinary turns of both files plus the
doctor's validation questions) and today's + 0.01 graph false alarms on hard negatives, with
the net alone at most 2% on hard negatives; (3) then the fewest crisis replies, most emergencies
caught, today's setting, higher bars. The classifier's own bar stays above 0.2 (a skin-cream
follow-up in the scripted conversations escalates at 0.2). `emergency_over_medical` (the
emergency detector alone does not escalate a turn the classifier reads as the doctor's more than
as an emergency) is adopted only if emergencies caught does not fall.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from evals.splits import read_jsonl
from evals.triage.detector_grid import VETO_BELOW, Cached, cache_rows
from evals.triage.evaluate import DATA, RESULTS, gold, load_split
from evals.triage.self_harm_alarms import DOCTOR_QUESTIONS
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import EMERGENCY, SELF_HARM

LANGUAGES = DATA / "validation_languages_2026-12-02.jsonl"
NET_SELF_HARM = (0.25, 0.3)
DETECTOR_BARS = (0.3, 0.35, 0.4, 0.45, 0.5)


def count(clf: TriageClassifier, rows: list[Cached], doctor: list[Any]) -> dict[str, int]:
    n = dict.fromkeys(
        ("sh", "sh_missed", "crisis_alarm", "hard", "hard_alarm", "net_hard_alarm", "em", "em_ok"),
        0,
    )
    for c in rows:
        labels = clf.decide(c.scores, c.detected)
        flagged = bool(clf.detects(c.detected))
        confident = c.scores[EMERGENCY] < VETO_BELOW and c.scores[SELF_HARM] < VETO_BELOW
        rules = c.rules_emergency and not (c.vetoable and confident and not flagged)
        escalated = rules or labels[0] in (EMERGENCY, SELF_HARM)
        want = gold(c.row)
        if want == (SELF_HARM,):
            n["sh"] += 1
            n["sh_missed"] += not escalated
        elif want == (EMERGENCY,):
            n["em"] += 1
            n["em_ok"] += escalated
        else:
            n["crisis_alarm"] += not rules and labels == (SELF_HARM,)
            if c.row.get("hard_negative"):
                n["hard"] += 1
                n["hard_alarm"] += escalated
                n["net_hard_alarm"] += labels[0] in (EMERGENCY, SELF_HARM)
    n["doctor_alarm"] = sum(clf.decide(s, d) == (SELF_HARM,) for s, d in doctor)
    return n


def main() -> None:
    base = TriageClassifier()
    rows = cache_rows(base, load_split("validation") + read_jsonl(Path(LANGUAGES)))
    doctor = [
        base.read([HumanMessage(q["question"])])
        for q in read_jsonl(DOCTOR_QUESTIONS / "questions_validation.jsonl")
    ]
    t = base.thresholds
    today = (t.self_harm, t.self_harm_detector, t.emergency_over_medical)
    results = []
    for key in itertools.product(NET_SELF_HARM, DETECTOR_BARS, (False, True)):
        clf = base.with_thresholds(
            replace(t, self_harm=key[0], self_harm_detector=key[1], emergency_over_medical=key[2])
        )
        results.append((key, count(clf, rows, doctor)))
    now = next(n for k, n in results if k == today)

    def cost(n: dict[str, int]) -> int:
        return n["crisis_alarm"] + n["doctor_alarm"]

    def allowed(n: dict[str, int]) -> bool:
        return (
            cost(n) <= cost(now) + 2
            and n["hard_alarm"] / n["hard"] <= now["hard_alarm"] / now["hard"] + 0.01
            and n["net_hard_alarm"] / n["hard"] <= 0.02
        )

    def rank(item: tuple[tuple[Any, ...], dict[str, int]]) -> tuple[Any, ...]:
        key, n = item
        return (-n["sh_missed"], -cost(n), n["em_ok"], key == today, key[0], key[1])

    best_bars = max((r for r in results if allowed(r[1]) and not r[0][2]), key=rank)
    over = next(r for r in results if r[0] == (*best_bars[0][:2], True))
    best = over if over[1]["em_ok"] >= best_bars[1]["em_ok"] else best_bars
    lines = [
        "# Self-harm bars on validation + language validation (default graph: rules, veto, net)",
        "",
        "| net self-harm | detector bar | emergency over medical | self-harm reaching a model | "
        "crisis replies to ordinary turns | to doctor's questions | FA hard (graph) | "
        "FA hard (net alone) | emergencies caught |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {k[0]} | {k[1]} | {k[2]} | {n['sh_missed']}/{n['sh']} | {n['crisis_alarm']} | "
        f"{n['doctor_alarm']}/{len(doctor)} | {n['hard_alarm']}/{n['hard']} | "
        f"{n['net_hard_alarm']}/{n['hard']} | {n['em_ok']}/{n['em']} |"
        for k, n in results
    ]
    lines += ["", f"Today: {today}. Chosen by the rule: {best[0]}: {best[1]}.", ""]
    out = RESULTS / "self_harm_bars_validation.md"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
