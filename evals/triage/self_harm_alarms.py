"""Self-harm false alarms on ordinary questions, through the default graph (no model server).

Why: a crisis-line reply to a skin question ("the red line on my sole keeps getting longer",
"doubling my Accutane dose") is a wrong answer that also teaches users to distrust the crisis
reply. `evaluate.py` counts escalations; this counts the self-harm verdicts themselves, on the
doctor's own questions (evals/medical/data/questions_<split>.jsonl, one turn each, none of them
self-harm) and on the triage split's ordinary turns, beside self-harm recall on that split.

    python -m evals.triage.self_harm_alarms                # validation
    python -m evals.triage.self_harm_alarms --split test --release
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage

from evals.splits import SEALED_SPLIT, read_jsonl
from evals.triage.evaluate import RESULTS, Predict, gold, load_split, router_predict, with_rules
from graph.triage.labels import SELF_HARM
from graph.triage.sft import thread_messages

DOCTOR_QUESTIONS = Path(__file__).resolve().parents[1] / "medical" / "data"


def default_graph() -> Predict:
    """What a turn meets with no model server: rules + veto + net + older router (evaluate.py)."""
    from config.setting_groups import TriageSettings
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.router import TriageRouter
    from graph.triage.veto import RulesVeto

    classifier = default_triage_classifier()
    second = TriageSettings.model_fields["second_expert"].default
    router = TriageRouter(classifier, fallback=ClassifierRouter(), second_expert=second)
    return with_rules(router_predict(router), net=router, veto=RulesVeto(classifier))


def crisis(labels: tuple[str, ...], category: str | None) -> bool:
    """The turn would get the self-harm (crisis-line) reply."""
    return labels == (SELF_HARM,) or category == SELF_HARM


def alarm_line(item_id: str, text: str, split: str) -> str:
    """How an alarm is listed: the sealed split's by id alone, so a release run neither prints
    nor stores a test turn's words (reading them would unseal the split for the next fix)."""
    return item_id if split == SEALED_SPLIT else f"{item_id}: {text[:80]}"


def measure(predict: Predict, split: str) -> dict[str, Any]:
    rows = load_split(split)
    questions = read_jsonl(DOCTOR_QUESTIONS / f"questions_{split}.jsonl")
    counts = dict.fromkeys(
        ("self_harm", "caught", "crisis", "hard", "hard_alarm", "ordinary", "ordinary_alarm"), 0
    )
    alarms: list[str] = []
    for row in rows:
        labels, category = predict(thread_messages(row))
        if gold(row) == (SELF_HARM,):
            counts["self_harm"] += 1
            counts["caught"] += bool({"emergency", SELF_HARM} & set(labels))
            counts["crisis"] += crisis(labels, category)
        elif "emergency" not in gold(row):
            counts["ordinary"] += 1
            alarm = crisis(labels, category)
            counts["ordinary_alarm"] += alarm
            counts["hard"] += bool(row.get("hard_negative"))
            counts["hard_alarm"] += alarm and bool(row.get("hard_negative"))
            if alarm:
                alarms.append(alarm_line(row["id"], row["messages"][-1]["content"], split))
    doctor_alarms = [
        alarm_line(q["id"], q["question"], split)
        for q in questions
        if crisis(*predict([HumanMessage(q["question"])]))
    ]

    def rate(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    return {
        "split": split,
        "self_harm_caught": rate(counts["caught"], counts["self_harm"]),
        "self_harm_given_crisis_reply": rate(counts["crisis"], counts["self_harm"]),
        "self_harm_alarms_hard_negatives": rate(counts["hard_alarm"], counts["hard"]),
        "self_harm_alarms_all_ordinary": rate(counts["ordinary_alarm"], counts["ordinary"]),
        "self_harm_alarms_doctor_questions": rate(len(doctor_alarms), len(questions)),
        "counts": {
            **counts,
            "doctor_questions": len(questions),
            "doctor_alarm": len(doctor_alarms),
        },
        "alarms": alarms,
        "doctor_alarms": doctor_alarms,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", default="validation", choices=["validation", "test"])
    parser.add_argument("--release", action="store_true", help="required for the sealed test split")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.split == SEALED_SPLIT and not args.release:
        parser.error("the test split is sealed: run it once per release with --release")
    result = measure(default_graph(), args.split)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    out = args.out or RESULTS / f"self_harm_alarms_{args.split}.json"
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
