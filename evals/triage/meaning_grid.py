"""The reading layer's weight, end to end on validation + the look-alike supplement.

    python -m evals.triage.meaning_grid --url http://127.0.0.1:8302 [--data FILE...]

Each weight w blends the char classifier's scores with the reading layer's
(`graph/triage/meaning.py`) everywhere the graph reads them (the router's nets and lead, the
rules veto); w = 0 is the char classifier alone, scored in the same run. Per weight: what a turn
ends with (told to call now, the crisis reply, false alarms: `urgent_care.Tally`), the exact
expert set and multi-intent (`evaluate.LayerReport`), and the scripted turns' expert sets.
Rule: results/meaning_rule_2026-12-03.md (its three runs: meaning_grid_validation_all_labels,
_routing_labels and _lead .json). Never the sealed test split.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from evals.splits import read_jsonl
from evals.triage.evaluate import RESULTS, load_split, router_predict, run_layer, with_rules
from evals.triage.urgent_care import (
    SUPPLEMENT,
    doctor_says_call_now,
    expert_set,
    graph_decider,
    memo,
    score,
)

WEIGHTS = (0.0, 0.3, 0.5, 0.7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="the reading server (serving/embedder.py)")
    parser.add_argument("--weights", nargs="+", type=float, default=list(WEIGHTS))
    parser.add_argument("--data", nargs="+", type=Path, help="score these files instead")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument(
        "--second",
        nargs="+",
        default=[],
        help="reading-layer second-expert designs at the default weight: BAR or BAR:any",
    )

    parser.add_argument("--out", type=Path, default=RESULTS / "meaning_grid_validation_lead.json")
    args = parser.parse_args()
    if args.data and any("test" in p.name for p in args.data):
        parser.error("the test split is sealed")

    from evals.triage.multi_intent import memoise_reads, script_rows
    from evals.triage.routers import default_triage_settings, default_wired_router
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.meaning import meaning_reader
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    chars = default_triage_classifier(args.fitted_cache)
    reader = meaning_reader(args.url, 5.0, args.fitted_cache or Path("var/fitted"))
    if reader is None:
        raise SystemExit(f"no reading server at {args.url}")
    if args.data:
        sets = {p.stem: read_jsonl(p) for p in args.data}
    else:
        sets = {"validation": load_split("validation"), "supplement": read_jsonl(SUPPLEMENT)}
    older, asks = ClassifierRouter(), default_ask_reader(args.fitted_cache)
    doctor = memo(doctor_says_call_now)
    scripts = script_rows()
    results: list[dict[str, Any]] = []
    designs: list[tuple[float, float | None, bool]] = [(w, None, False) for w in args.weights]
    for second in args.second:
        bar, _, scope = second.partition(":")
        designs.append((triage.meaning_weight, float(bar), scope == "any"))
    for weight, second_bar, any_turn in designs:
        classifier = chars.with_meaning(reader if weight else None, weight)
        memoise_reads(classifier)  # the copy's own reads: every layer below reads it once
        veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
        router = default_wired_router(
            classifier,
            older,
            asks=asks,
            ask_bar=triage.ask_bar,
            reading_second=second_bar,
            reading_second_any_turn=any_turn,
        )
        decide = graph_decider(router, veto)
        row: dict[str, Any] = {"weight": weight, "second": second_bar, "any_turn": any_turn}
        for name, rows in sets.items():
            tally = score(rows, decide, doctor)
            layer = run_layer(name, with_rules(router_predict(router), net=router, veto=veto), rows)
            s = layer.summary()
            row[name] = {
                **tally.summary(),
                "exact": layer.exact,
                "multi_exact": f"{layer.multi_exact}/{layer.multi}",
                "spurious_extras": s["counts"]["spurious_extras"],
                "by_lang": s["by_lang"],
                "wrong_sets": layer.wrong_sets,
                "misses": layer.misses,
                "outcomes": tally.outcomes,
            }
        exact = sum(expert_set(decide, s) == set(s["labels"]) for s in scripts)
        row["scripts_exact"] = f"{exact}/{len(scripts)}"
        results.append(row)
        brief: dict[str, Any] = {
            "weight": weight,
            "second": second_bar,
            "any_turn": any_turn,
            "scripts": row["scripts_exact"],
        }
        for name in sets:
            s = row[name]
            brief[name] = (
                f"caught {s['caught']}/{s['emergencies']} crisis {s['self_harm_crisis']}/"
                f"{s['self_harm']} FA {s['false_alarms']}/{s['ordinary']} exact {s['exact']} "
                f"multi {s['multi_exact']} extras {s['spurious_extras']}"
            )
        print(json.dumps(brief, ensure_ascii=False), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
