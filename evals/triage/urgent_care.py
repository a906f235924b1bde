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
from config.settings import Settings
from evals.splits import is_sealed_file, read_jsonl
from evals.triage.evaluate import DATA, RESULTS, card_led_answer, doctor_settings, load_split
from graph.routing.base import RouteDecision, previous_experts
from graph.safety import check_turn
from graph.triage.labels import EMERGENCY, SELF_HARM
from graph.triage.router import care_arrived
from graph.triage.sft import thread_messages
from graph.urgent_care import doctor_answers_plainly, tells_pills_taken, unreached_call_now

Outcome = Literal["template", "crisis", "doctor_call_now", "urgent", "other"]
CALL_NOW: frozenset[str] = frozenset({"template", "crisis", "doctor_call_now"})
MEDICAL_BARS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
EMERGENCY_BELOW = (0.6, 0.7, 0.8, 0.9, 1.01)
SUPPLEMENT = DATA / "validation_lookalikes_2026-12-02.jsonl"
CHOSEN = (0.2, 0.8)  # by the rule (results/urgent_care_rule_2026-12-02.md), re-run 02 evening
Decide = Callable[[Sequence[BaseMessage]], tuple[RouteDecision | None, str | None]]


def doctor_says_call_now(messages: Sequence[BaseMessage]) -> tuple[bool, str]:
    """Whether the card-led doctor's answer to this thread leads with "call now", and its kind."""
    answer = card_led_answer(messages)
    return answer.calls_now(), answer.kind


def graph_decider(router: Any, veto: Any) -> Decide:
    """The graph's order: rules (with the veto), an injection's net, then the router. Returns
    the decision (None: the rules escalated) and the category the rules gave (self-harm)."""

    def decide(messages: Sequence[BaseMessage]) -> tuple[RouteDecision | None, str | None]:
        texts = user_texts(messages)
        verdict = check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]
        if verdict.emergency and not veto.overrules(verdict, messages):
            return None, SELF_HARM if SELF_HARM in verdict.flags else EMERGENCY
        if verdict.injection:
            net = router.escalation(messages)
            return net or RouteDecision(("out_of_scope",), "injection"), None
        return router.route(messages), None

    return decide


def outcome(messages: Sequence[BaseMessage], decision: RouteDecision | None, rules: str | None,
            doctor: Callable[[Sequence[BaseMessage]], tuple[bool, str]]) -> Outcome:  # fmt: skip
    if decision is None:
        return "crisis" if rules == SELF_HARM else "template"
    if "emergency" in decision.experts:
        return "crisis" if decision.category == SELF_HARM else "template"
    if tells_pills_taken(messages) and not care_arrived(messages):  # type: ignore[arg-type]
        return "template"  # the route node: pills taken in quantity escalate as a poisoning
    if "medical" not in decision.experts:
        # the route node: travel experts alone on a turn the doctor's signs call now for escalate
        missed, _ = unreached_call_now(messages, decision.experts, doctor_settings())  # type: ignore[arg-type]
        return "template" if missed else "other"
    call_now, _ = doctor(messages)
    if decision.urgent:  # graph/urgent_care.py: the doctor's card agreeing escalates after all
        if call_now:
            return "template"
        plain = doctor_answers_plainly(messages, Settings())  # type: ignore[arg-type]
        return "other" if plain else "urgent"
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
        decision, rules = decide(messages)
        tally.add(row, outcome(messages, decision, rules, doctor))
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
    decision, _ = decide(thread_messages(row))
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
