"""The emergency net's bars under the urgent-care tier: what a turn ends with, end to end.

    python -m evals.triage.net_bar_grid                 # the grid on validation + supplement
    python -m evals.triage.net_bar_grid --only 0.4 0.65 --data FILE...   # one setting, fresh files

Why: the classifier's emergency bar (0.5) and the emergency detector's (0.65) were chosen when
every net escalation got the ambulance template. Since the urgent-care tier sends a borderline
net-only escalation to the card-led doctor, a lower bar may catch more emergencies for fewer
false alarms than it once cost. Scored as `evals.triage.urgent_care` scores (told to call now /
urgent banner / other), beside the triage-level escalations of hard negatives. Rule, written
before the first run: results/net_bar_rule_2026-12-03.md.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any

from evals.triage.urgent_care import (
    CALL_NOW,
    Bench,
    Tally,
    brief_tally,
    control,
    expert_set,
    graph_decider,
    grid_arguments,
    passes,
    score,
    write_results,
)
from graph.triage.sft import thread_messages

EMERGENCY_BARS = (0.3, 0.35, 0.4, 0.45, 0.5)
DETECTOR_BARS = (0.55, 0.6, 0.65, 0.7)
MAIN = (0.5, 0.65)  # main when the rule was written (2026-12-03); the baseline of `passes`


def hard_negative_escalations(rows: list[dict[str, Any]], decide: Any) -> int:
    """Hard negatives the triage layer escalates at all (template, crisis or urgent tier)."""
    count = 0
    for row in rows:
        if not row.get("hard_negative"):
            continue
        decision = decide(thread_messages(row)).decision
        count += decision is None or "emergency" in decision.experts or bool(decision.urgent)
    return count


def main() -> None:
    args = grid_arguments(__doc__ or "", "emergency, detector", "net_bar_grid_validation.json")

    from evals.triage.routers import default_wired_router

    bench = Bench.build(args.fitted_cache, args.data)
    classifier, sets, scripts = bench.classifier, bench.sets, bench.scripts

    settings = [MAIN]
    if args.only:
        settings.append((args.only[0], args.only[1]))
    elif not args.data:
        settings += [s for s in itertools.product(EMERGENCY_BARS, DETECTOR_BARS) if s != MAIN]
    results: list[dict[str, Any]] = []
    baselines: dict[str, Tally] = {}
    for emergency, detector in settings:
        bars = dataclasses.replace(
            classifier.thresholds, emergency=emergency, emergency_detector=detector
        )
        router = default_wired_router(
            classifier.with_thresholds(bars),
            bench.older,
            asks=bench.asks,
            ask_bar=bench.triage.ask_bar,
        )
        decide = graph_decider(router, bench.veto)
        row: dict[str, Any] = {"setting": [emergency, detector]}
        for name, rows in sets.items():
            tally = score(rows, decide, bench.doctor)
            if (emergency, detector) == MAIN:
                baselines[name] = tally
                for label, got in (("always", "template"), ("never", "other")):
                    planted = control(rows, got)  # type: ignore[arg-type]
                    row[f"{name}:control_{label}"] = {
                        **planted.summary(),
                        "passes": passes(planted, tally),
                    }
            kept = [
                k
                for k, v in baselines[name].outcomes.items()
                if k in baselines[name].real and v in CALL_NOW
            ]
            row[name] = {
                **tally.summary(),
                "emergencies_lost": [k for k in kept if tally.outcomes.get(k) not in CALL_NOW],
                "hard_negatives_escalated": hard_negative_escalations(rows, decide),
                "outcomes": tally.outcomes,
            }
        exact = sum(expert_set(decide, s) == set(s["labels"]) for s in scripts)
        row["scripts_exact"] = f"{exact}/{len(scripts)}"
        results.append(row)
        line = {"setting": row["setting"], "scripts": row["scripts_exact"]}
        for name in sets:
            s = row[name]
            line[name] = (
                f"{brief_tally(s)} urgent {s['urgent']} "
                f"lost {len(s['emergencies_lost'])} hardneg-esc {s['hard_negatives_escalated']}"
            )
        print(json.dumps(line, ensure_ascii=False), flush=True)
    write_results(args.out, results)


if __name__ == "__main__":
    main()
