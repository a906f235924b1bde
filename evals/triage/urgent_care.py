"""What a turn ends with, end to end and without a model: told to call now, the urgent-care
banner, or an ordinary answer — for the default graph and the urgent-care tier's settings.

    python -m evals.triage.urgent_care                      # the grid on validation + supplement
    python -m evals.triage.urgent_care --only 0.2 0.8 --data FILE...   # one setting, other files

Why end to end: an escalation the triage layer drops reaches the doctor, whose card-led answer
has its own emergency signs and may still lead with "call now" (a false alarm for the user all
the same), and a real emergency softened to the banner is caught only if the doctor's answer
says call now (the banner's call-now is conditional). Rule: results/urgent_care_rule_2026-12-02.md.
Controls: `always` (every turn the ambulance template) and `never` (nobody is ever told to call
now) are scored beside the designs and must fail `passes`.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from langchain_core.messages import BaseMessage

from agents.history import user_texts
from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import DATA, RESULTS, card_led_answer, doctor_settings, load_split
from graph.routing.base import RouteDecision, previous_experts
from graph.safety import check_turn
from graph.triage.labels import EMERGENCY, SELF_HARM
from graph.triage.sft import thread_messages
from graph.turn_outcome import (
    Level,
    RouteOutcome,
    route_outcome,
    routed_decision,
    safety_category,
    served_escalation,
)

Outcome = Literal["template", "crisis", "doctor_call_now", "urgent", "other"]
CALL_NOW: frozenset[str] = frozenset({"template", "crisis", "doctor_call_now"})
MEDICAL_BARS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
EMERGENCY_BELOW = (0.6, 0.7, 0.8, 0.9, 1.01)
SUPPLEMENT = DATA / "validation_lookalikes_2026-12-02.jsonl"
CHOSEN = (0.2, 0.8)  # by the rule (results/urgent_care_rule_2026-12-02.md), re-run 02 evening


@dataclass(frozen=True)
class Decided:
    """What the graph's safety and route nodes make of a turn, through their own functions
    (graph/turn_outcome.py): the router's decision (None: the red-flag rules escalated), the
    level of the escalation reply served (None: none), and the route node's outcome.

    Why: `outcome` here was a hand copy of the route node's branches (pills taken, travel
    experts on a call-now turn, the urgent tier) and had drifted from it (no unrelated-task,
    unread-language, heat-exhaustion or injection-after-call-now branch); the graph and this
    evaluation now take one code path, as `evaluate` does."""

    decision: RouteDecision | None
    level: Level | None = None
    routed: RouteOutcome | None = None


Decide = Callable[[Sequence[BaseMessage]], Decided]


def doctor_says_call_now(messages: Sequence[BaseMessage]) -> tuple[bool, str]:
    """Whether the card-led doctor's answer to this thread leads with "call now", and its kind."""
    answer = card_led_answer(messages)
    return answer.calls_now(), answer.kind


def graph_decider(router: Any, veto: Any) -> Decide:
    """The graph's order: rules (with the veto), an injection's net, then the router and the
    route node's own corrections."""

    def decide(messages: Sequence[BaseMessage]) -> Decided:
        texts = user_texts(messages)
        settings = doctor_settings()
        verdict = check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]
        if verdict.emergency and not veto.overrules(verdict, messages):
            category = safety_category(verdict, messages, settings)  # type: ignore[arg-type]
            return Decided(None, served_escalation(category, verdict.flags, texts).level)
        decision = routed_decision(router, messages, verdict.injection)  # type: ignore[arg-type]
        routed = route_outcome(router, decision, messages, settings)  # type: ignore[arg-type]
        if routed.kind != "escalate":
            return Decided(decision, None, routed)
        level = served_escalation(routed.category, [router.name], texts).level
        return Decided(decision, level, routed)

    return decide


def outcome(
    messages: Sequence[BaseMessage],
    decided: Decided,
    doctor: Callable[[Sequence[BaseMessage]], tuple[bool, str]],
) -> Outcome:
    """What the user is told: an escalation reply (crisis lines for self-harm; the call-now
    template, heat exhaustion's `watch` frame counted with it as `evaluate` does), the urgent
    banner, or the experts' answer — the doctor's card may itself lead with call now."""
    if decided.level is not None:
        return "crisis" if decided.level == "self_harm" else "template"
    routed = decided.routed
    if routed is None or routed.kind == "urgent":
        return "urgent"
    if "medical" not in routed.experts:
        return "other"
    call_now, _ = doctor(messages)
    return "doctor_call_now" if call_now else "other"


@dataclass
class Tally:
    emergencies: int = 0
    caught: int = 0
    self_harm: int = 0
    self_harm_crisis: int = 0
    ordinary: int = 0
    false_alarms: int = 0
    urgent: int = 0  # turns given the banner (any gold)
    real_urgent_only: int = 0  # emergencies given the banner without a call-now answer
    outcomes: dict[str, str] = field(default_factory=dict)
    real: set[str] = field(default_factory=set)  # the ids of the emergency and self-harm turns

    def add(self, row: dict[str, Any], got: Outcome) -> None:
        self.outcomes[row["id"]] = got
        self.urgent += got == "urgent"
        if set(row["labels"]) & {EMERGENCY, SELF_HARM}:
            self.real.add(row["id"])
            self.emergencies += 1
            self.caught += got in CALL_NOW
            self.real_urgent_only += got == "urgent"
            if SELF_HARM in row["labels"]:
                self.self_harm += 1
                self.self_harm_crisis += got == "crisis"
        else:
            self.ordinary += 1
            self.false_alarms += got in CALL_NOW

    def summary(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("outcomes", "real")}


def brief_tally(s: dict[str, Any]) -> str:
    """One set's tally on a grid's progress line (the grids print the same head)."""
    return (
        f"caught {s['caught']}/{s['emergencies']} crisis {s['self_harm_crisis']}/"
        f"{s['self_harm']} FA {s['false_alarms']}/{s['ordinary']}"
    )


def write_results(out: Path, results: list[dict[str, Any]]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {out}")


def score(rows: list[dict[str, Any]], decide: Decide, doctor: Any) -> Tally:
    tally = Tally()
    for row in rows:
        messages = thread_messages(row)
        tally.add(row, outcome(messages, decide(messages), doctor))
    return tally


def control(rows: list[dict[str, Any]], got: Outcome) -> Tally:
    """A planted design: every turn gets `got`."""
    tally = Tally()
    for row in rows:
        tally.add(row, got)
    return tally


def passes(design: Tally, baseline: Tally) -> bool:
    """The metric's test: no emergency lost against the baseline (told to call now, self-harm
    kept on the crisis reply) and no more false alarms than it."""
    same = [k for k, v in baseline.outcomes.items() if v in CALL_NOW and k in baseline.real]
    emergencies_kept = all(design.outcomes.get(k) in CALL_NOW for k in same if k in design.outcomes)
    return (
        design.caught >= baseline.caught
        and design.self_harm_crisis >= baseline.self_harm_crisis
        and design.false_alarms <= baseline.false_alarms
        and emergencies_kept
    )


def expert_set(decide: Decide, row: dict[str, Any]) -> set[str]:
    decision = decide(thread_messages(row)).decision
    return {"emergency"} if decision is None else set(decision.experts)


def memo(doctor: Callable[[Sequence[BaseMessage]], tuple[bool, str]]) -> Any:
    seen: dict[tuple[str, ...], tuple[bool, str]] = {}

    def once(messages: Sequence[BaseMessage]) -> tuple[bool, str]:
        key = tuple(str(m.content) for m in messages)
        if key not in seen:
            seen[key] = doctor(messages)
        return seen[key]

    return once


@dataclass
class Bench:
    """What the end-to-end grids read: the default triage parts (fitted once, reads memoised),
    the card-led doctor's call-now (memoised), the labelled sets and the scripted turns."""

    triage: Any
    classifier: Any
    older: Any
    asks: Any
    veto: Any
    doctor: Callable[[Sequence[BaseMessage]], tuple[bool, str]]
    sets: dict[str, list[dict[str, Any]]]
    scripts: list[dict[str, Any]]

    @classmethod
    def build(cls, fitted_cache: Path | None, data: Sequence[Path] | None) -> Bench:
        """`data` files, or validation + its look-alike supplement (never the test split)."""
        from evals.triage.multi_intent import memoise_reads, script_rows
        from evals.triage.routers import default_triage_settings
        from graph.routing.classifier_router import ClassifierRouter
        from graph.triage.asks import default_ask_reader
        from graph.triage.classifier import default_triage_classifier
        from graph.triage.veto import RulesVeto

        triage = default_triage_settings()
        classifier = default_triage_classifier(fitted_cache)
        memoise_reads(classifier)
        veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
        if data:
            sets = {p.stem: read_jsonl(p) for p in data}
        else:
            sets = {"validation": load_split("validation"), "supplement": read_jsonl(SUPPLEMENT)}
        return cls(
            triage,
            classifier,
            ClassifierRouter(),
            default_ask_reader(fitted_cache),
            veto,
            memo(doctor_says_call_now),
            sets,
            script_rows(),
        )


def grid_arguments(description: str, only: str, out: str) -> argparse.Namespace:
    """The end-to-end grids' command line: `--only A B` (one setting), `--data FILE...` (other
    files, never the sealed test split), `--fitted-cache`, `--out` (under results/)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--only", nargs=2, type=float, help=f"one setting: {only}")
    parser.add_argument("--data", nargs="+", type=Path, help="score these files (not the grid)")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--out", type=Path, default=RESULTS / out)
    args = parser.parse_args()
    if args.data and any(is_sealed_file(p) for p in args.data):
        parser.error("the test split is sealed")
    return args


def main() -> None:
    args = grid_arguments(__doc__ or "", "medical, emergency", "urgent_care_grid_validation.json")

    from evals.triage.routers import default_wired_router
    from graph.triage.urgent import UrgentCare

    bench = Bench.build(args.fitted_cache, args.data)
    triage, classifier, older, asks = bench.triage, bench.classifier, bench.older, bench.asks
    veto, doctor, sets, scripts = bench.veto, bench.doctor, bench.sets, bench.scripts

    def router(urgent: UrgentCare | None) -> Any:
        return default_wired_router(
            classifier, older, asks=asks, ask_bar=triage.ask_bar, urgent=urgent
        )

    settings: list[tuple[float, float] | None] = [None]
    if args.only:
        settings.append((args.only[0], args.only[1]))
    elif not args.data:
        settings += list(itertools.product(MEDICAL_BARS, EMERGENCY_BELOW))
    results: list[dict[str, Any]] = []
    baselines: dict[str, Tally] = {}
    for setting in settings:
        urgent = UrgentCare(*setting) if setting else None
        r = router(urgent)
        decide = graph_decider(r, veto)
        row: dict[str, Any] = {"setting": setting or "off"}
        for name, rows in sets.items():
            tally = score(rows, decide, doctor)
            if setting is None:
                baselines[name] = tally
                for label, got in (("always", "template"), ("never", "other")):
                    planted = control(rows, got)  # type: ignore[arg-type]
                    row[f"{name}:control_{label}"] = {
                        **planted.summary(),
                        "passes": passes(planted, tally),
                    }
            row[name] = {**tally.summary(), "passes": passes(tally, baselines[name])}
            if setting is None or setting == CHOSEN or args.only:  # per turn: off and the choice
                row[name]["outcomes"] = tally.outcomes
        exact = sum(expert_set(decide, s) == set(s["labels"]) for s in scripts)
        row["scripts_exact"] = f"{exact}/{len(scripts)}"
        results.append(row)
        brief = {k: v for k, v in row.items() if not isinstance(v, dict)}
        for name in sets:
            s = row[name]
            brief[name] = (
                f"{brief_tally(s)} urgent {s['urgent']} "
                f"real-urgent-only {s['real_urgent_only']} pass {s['passes']}"
            )
        print(json.dumps(brief, ensure_ascii=False))
    write_results(args.out, results)


if __name__ == "__main__":
    main()
