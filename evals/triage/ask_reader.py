"""The primary-from-classifier and per-ask reader designs scored side by side, as the graph
meets a turn (red-flag rules and veto first), on validation or the scripted conversations'
turns. The rule that chooses among them was written before the run:
results/ask_reader_rule_2026-12-02d.md.

    python -m evals.triage.ask_reader [--scripts | --data FRESH.jsonl] [--fitted-cache DIR]

D0 today's default (before); P the classifier's best answering label leads (the older router's
thread policy kept on follow-ups); A(b) P plus the per-ask reader at P(label) >= b.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from evals.triage.evaluate import (
    RESULTS,
    Predict,
    router_predict,
    run_layer,
    with_rules,
)
from evals.triage.multi_intent import memoise_reads, rows_to_read
from evals.triage.routers import default_wired_router

ASK_BARS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
KEYS = (
    "emergencies_caught",
    "self_harm_caught",
    "self_harm_given_crisis_reply",
    "false_alarms_hard_negatives",
    "exact_expert_set",
    "multi_intent_exact",
    "ms_p50",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, help="another labelled file (a fresh one)")
    parser.add_argument("--scripts", action="store_true", help="the scripted conversations' turns")
    parser.add_argument("--designs", nargs="*", help="only these designs (D0 P A0.8 ...)")
    parser.add_argument("--fitted-cache", type=Path, help="keep the fitted models here")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    started = time.perf_counter()
    classifier = default_triage_classifier(args.fitted_cache)
    asks = default_ask_reader(args.fitted_cache)
    print(f"fitted in {time.perf_counter() - started:.0f} s")
    older = ClassifierRouter()
    veto = RulesVeto(classifier)

    def design(primary: bool, bar: float | None) -> Predict:
        router = default_wired_router(
            classifier,
            older,
            primary_from_classifier=primary,
            asks=asks if bar is not None else None,
            ask_bar=bar,
        )
        return with_rules(router_predict(router), net=router, veto=veto)

    layers: list[tuple[str, Predict]] = [("D0", design(False, None)), ("P", design(True, None))]
    layers += [(f"A{bar}", design(True, bar)) for bar in ASK_BARS]
    if not args.designs or any(d.startswith("old") for d in args.designs):
        # the reader before ask-level labels (every piece inherits its turn's label), for the
        # before -> after comparison in one run (2026-12-02e)
        from graph.routing.classifier import default_classifier
        from graph.triage.asks import AskReader

        older_asks = AskReader.fit(default_classifier(), {})
        for bar in (0.5, 0.8):
            router = default_wired_router(
                classifier, older, primary_from_classifier=True, asks=older_asks, ask_bar=bar
            )
            layers.append((f"old{bar}", with_rules(router_predict(router), net=router, veto=veto)))
    if args.designs:
        layers = [(n, p) for n, p in layers if n in args.designs]
    # the first design's timings are the real ones; later designs reuse the classifier's reads
    reports = [run_layer(layers[0][0], layers[0][1], rows)]
    memoise_reads(classifier)
    reports += [run_layer(n, p, rows) for n, p in layers[1:]]
    summaries = [r.summary() for r in reports]
    print(f"{name}: {len(rows)} turns")
    print(f"{'design':<8}" + "".join(f"{k[:16]:>18}" for k in KEYS))
    for s in summaries:
        print(f"{s['layer']:<8}" + "".join(f"{s[k]!s:>18}" for k in KEYS))
    for r in reports:
        print(
            f"{r.name}: exact {r.exact}/{r.n}, multi {r.multi_exact}/{r.multi}, "
            f"FA hard {r.false_alarms_hard}/{r.hard_negatives}, "
            f"spurious extras {r.spurious_extras}/{r.one_ask}"
        )
    out = args.out or RESULTS / f"ask_reader_{name}.json"
    misses = {r.name: r.misses + r.wrong_sets for r in reports}
    payload = {"split": name, "layers": summaries, "misses": misses}
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()
