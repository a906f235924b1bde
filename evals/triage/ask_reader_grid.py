"""The per-ask reader's recipe and bar, chosen on validation with the scripted conversations as
a constraint (rule: results/ask_labels_rule_2026-12-02e.md).

    python -m evals.triage.ask_reader_grid [--scripts] [--fitted-cache DIR]
"""

from __future__ import annotations

import json
from typing import Any

from evals.triage.evaluate import RESULTS, router_predict, run_layer, with_rules
from evals.triage.multi_intent import design_run_parser, memoise_reads, rows_to_read
from evals.triage.routers import default_wired_router

RECIPES: dict[str, dict[str, Any]] = {
    "base": {},
    "alpha1e-5": {"alpha": 1e-5},
    "alpha2e-4": {"alpha": 2e-4},
    "balanced": {"balanced": True},
    "hand2": {"hand_weight": 2.0},
    "hand3": {"hand_weight": 3.0},
}
BARS = (0.5, 0.6, 0.7)


def main() -> None:
    parser = design_run_parser(__doc__)
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from graph.routing.classifier import default_classifier
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import AskReader, AskRecipe
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    older, veto, labeller = ClassifierRouter(), RulesVeto(classifier), default_classifier()
    out = []
    for recipe_name, knobs in RECIPES.items():
        reader = AskReader.fit(labeller, recipe=AskRecipe(**knobs))
        for bar in BARS:
            router = default_wired_router(
                classifier, older, primary_from_classifier=True, asks=reader, ask_bar=bar
            )
            predict = with_rules(router_predict(router), net=router, veto=veto)
            r = run_layer(f"{recipe_name}@{bar}", predict, rows)
            line = (
                f"{r.name:<16} exact {r.exact}/{r.n}  multi {r.multi_exact}/{r.multi}  "
                f"spurious extras {r.spurious_extras}/{r.one_ask}  "
                f"caught {r.caught}/{r.emergencies}  "
                f"FA hard {r.false_alarms_hard}/{r.hard_negatives}"
            )
            print(line, flush=True)
            out.append({"design": r.name, **r.summary(), "wrong_sets": r.wrong_sets})
    path = args.out or RESULTS / f"ask_reader_grid_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
