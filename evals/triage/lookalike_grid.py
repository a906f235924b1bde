"""Re-choose the emergency bars after the look-alike training rows (issue 11, triage-8), on
validation plus its look-alike supplement, with the scripted conversations as a constraint.

    python -m evals.triage.lookalike_grid [--fitted-cache DIR] [--out FILE]

The rule was written before the run: results/lookalike_rule_2026-12-02.md. Three bars decide
whether a turn nobody's red-flag rule caught is escalated: the triage classifier's `emergency`,
its emergency detector, and the older router's own `emergency_min` (graph/routing/policy.py),
reached as the fallback. The sealed test split and the fresh files are never read here.
"""

from __future__ import annotations

import argparse
import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from evals.splits import read_jsonl
from evals.triage.evaluate import DATA, RESULTS, load_split, router_predict, run_layer, with_rules
from evals.triage.multi_intent import memoise_reads, script_rows
from evals.triage.routers import default_wired_router

CLASSIFIER_BARS = (0.5, 0.55, 0.6)
DETECTOR_BARS = (0.65, 0.7, 0.75, 0.8)
OLDER_BARS = (0.4, 0.5, 0.6, 0.7)
SUPPLEMENT = DATA / "validation_lookalikes_2026-12-02.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--out", type=Path, default=RESULTS / "lookalike_grid_validation.json")
    parser.add_argument(
        "--only", nargs=3, type=float, help="one setting: classifier, detector, older"
    )
    args = parser.parse_args()

    from config.settings import Settings
    from graph.routing.classifier import default_classifier
    from graph.routing.classifier_router import ClassifierRouter
    from graph.routing.policy import PolicyConfig
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    triage = Settings().triage
    base = default_triage_classifier(args.fitted_cache)
    memoise_reads(base)
    turns = default_classifier()
    asks = default_ask_reader(args.fitted_cache)
    splits = {
        "validation": load_split("validation"),
        "supplement": read_jsonl(SUPPLEMENT),
        "scripts": script_rows(),
    }
    settings = (
        [tuple(args.only)]
        if args.only
        else list(itertools.product(CLASSIFIER_BARS, DETECTOR_BARS, OLDER_BARS))
    )
    out: list[dict[str, Any]] = []
    for em, det, older in settings:
        clf = base.with_thresholds(replace(base.thresholds, emergency=em, emergency_detector=det))
        clf.read = base.read  # type: ignore[method-assign]  # the memoised reads
        router = default_wired_router(
            clf,
            ClassifierRouter(turns, PolicyConfig(emergency_min=older)),
            asks=asks,
            ask_bar=triage.ask_bar,
        )
        veto = RulesVeto(clf, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
        predict = with_rules(router_predict(router), net=router, veto=veto)
        row: dict[str, Any] = {"classifier": em, "detector": det, "older": older}
        for name, rows in splits.items():
            r = run_layer(name, predict, rows)
            row[name] = {
                "caught": r.caught,
                "emergencies": r.emergencies,
                "self_harm_caught": r.self_harm_caught,
                "fa_hard": r.false_alarms_hard,
                "hard": r.hard_negatives,
                "fa_all": r.false_alarms,
                "exact": r.exact,
                "n": r.n,
                "multi": f"{r.multi_exact}/{r.multi}",
                "alarms": [m for m in r.misses if m.startswith(("MISS", "ALARM"))],
            }
        v, s, c = row["validation"], row["supplement"], row["scripts"]
        print(
            f"{em} {det} {older}: val caught {v['caught']}/{v['emergencies']} FA {v['fa_hard']}/"
            f"{v['hard']} exact {v['exact']} multi {v['multi']} | supp caught {s['caught']}/"
            f"{s['emergencies']} FA {s['fa_hard']}/{s['hard']} exact {s['exact']} | scripts "
            f"{c['exact']}/{c['n']}",
            flush=True,
        )
        out.append(row)
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
