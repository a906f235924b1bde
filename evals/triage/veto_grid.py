"""The rules veto's framing cues (graph/triage/veto.py), measured as the
default graph meets a turn, on validation (or --scripts / --data / --split train). The rule that
chooses was written before the run: results/veto_rule_2026-12-02e.md.

    python -m evals.triage.veto_grid [--scripts | --data FILE | --train] [--fitted-cache DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.triage.evaluate import RESULTS, load_split, router_predict, run_layer, with_rules
from evals.triage.multi_intent import memoise_reads, rows_to_read

# (name, framing bar). The after-care closure of open emergencies (C0.2, C0.3, F+C) was
# measured too (results/veto_grid_*.json): it dropped no validation alarm and was removed.
DESIGNS: tuple[tuple[str, float | None], ...] = (
    ("V0", None),
    ("F0.1", 0.1),
    ("F0.2", 0.2),
    ("F0.3", 0.3),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--scripts", action="store_true")
    parser.add_argument("--train", action="store_true", help="the training split (in-sample)")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.train:
        rows, name = load_split("train"), "train"
    else:
        rows, name = rows_to_read(parser, args)

    from config.settings import Settings
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.router import TriageRouter
    from graph.triage.veto import RulesVeto

    triage = Settings().triage
    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    router = TriageRouter(
        classifier,
        fallback=ClassifierRouter(),
        second_expert=triage.second_expert,
        second_expert_several=triage.second_expert_several,
        primary_from_classifier=triage.primary_from_classifier,
        asks=default_ask_reader(args.fitted_cache),
        ask_bar=triage.ask_bar,
    )
    out = []
    for design, framing in DESIGNS:
        veto = RulesVeto(
            classifier,
            triage.rules_veto or 0.1,
            framing_below=framing,
        )
        predict = with_rules(router_predict(router), net=router, veto=veto)
        r = run_layer(design, predict, rows)
        print(
            f"{design:<11} caught {r.caught}/{r.emergencies}  self-harm "
            f"{r.self_harm_caught}/{r.self_harm}  FA hard {r.false_alarms_hard}/"
            f"{r.hard_negatives}  FA all {r.false_alarms}/{r.ordinary}  exact {r.exact}/{r.n}  "
            f"multi {r.multi_exact}/{r.multi}",
            flush=True,
        )
        alarms = [m for m in r.misses if m.startswith(("MISS", "ALARM"))]
        out.append({"design": design, **r.summary(), "misses_and_alarms": alarms})
    path = args.out or RESULTS / f"veto_grid_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
