"""How the reading layer's per-ask reader (graph/triage/ask_meaning.py) joins the char per-ask
reader, and at what bar: chosen on validation only (rule: results/
h139_multi_intent_reading_rule_2026-12-08.md), the graph with the reading layer as served.

    python -m evals.triage.ask_meaning_grid --meaning-url URL [--data FILE] [--scripts]
        [--fitted-cache DIR]
"""

from __future__ import annotations

import json
from typing import Any

from evals.triage.evaluate import RESULTS, router_predict, run_layer, with_rules
from evals.triage.multi_intent import design_run_parser, memoise_reads, rows_to_read
from evals.triage.routers import default_triage_settings, default_wired_router

MIXES = ("union", "average", "replace", "agree")
BARS = (0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> None:
    parser = design_run_parser(__doc__)
    parser.add_argument("--meaning-url", required=True)
    parser.add_argument("--bars", type=float, nargs="*", default=list(BARS))
    parser.add_argument("--mixes", nargs="*", default=list(MIXES))
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.meaning import meaning_reader
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    reader = meaning_reader(
        args.meaning_url, 5.0, args.fitted_cache, triage.category_bar, ask_head=True
    )
    if reader is None or reader.asks is None:
        parser.error(f"no reading server (or no ask head) at {args.meaning_url}")
    heads = reader.asks
    seen: dict[tuple[str, ...], Any] = {}

    def read_once(asks: Any) -> Any:  # every design reads the same asks (CPU is scarce)
        key = tuple(asks)
        if key not in seen:
            seen[key] = type(heads).read(heads, asks)
        return seen[key]

    heads.read = read_once  # type: ignore[method-assign]
    turns: dict[str, Any] = {}
    read_turn = reader.probabilities

    def turn_once(text: str) -> Any:  # ...and the same turns (the reader keeps only 64)
        if text not in turns:
            turns[text] = read_turn(text)
        return turns[text]

    reader.probabilities = turn_once  # type: ignore[method-assign]
    classifier = default_triage_classifier(args.fitted_cache).with_meaning(
        reader, triage.meaning_weight
    )
    memoise_reads(classifier)
    older, asks = ClassifierRouter(), default_ask_reader(args.fitted_cache)
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    designs: list[tuple[str, dict[str, Any]]] = [("served (chars read the asks)", {})]
    designs += [
        (f"{mix}@{bar}", {"reading_ask_bar": bar, "reading_ask_mix": mix})
        for mix in args.mixes
        for bar in args.bars
    ]
    out = []
    for design, knobs in designs:
        router = default_wired_router(classifier, older, asks=asks, ask_bar=triage.ask_bar, **knobs)
        predict = with_rules(router_predict(router), net=router, veto=veto)
        r = run_layer(design, predict, rows)
        print(
            f"{r.name:<30} exact {r.exact}/{r.n}  multi {r.multi_exact}/{r.multi}  "
            f"spurious extras {r.spurious_extras}/{r.one_ask}  caught {r.caught}/{r.emergencies}  "
            f"FA hard {r.false_alarms_hard}/{r.hard_negatives}",
            flush=True,
        )
        out.append({"design": r.name, **r.summary(), "wrong_sets": r.wrong_sets})
    path = args.out or RESULTS / f"ask_meaning_grid_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
