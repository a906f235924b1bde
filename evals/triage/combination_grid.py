"""How the whole-turn classifier and the per-ask reader combine on a chained turn, chosen on
validation with the scripted conversations as a constraint (the rule, written first:
results/multi_combination_rule_2026-12-02g.md).

    python -m evals.triage.combination_grid [--scripts | --data FILE] [--fitted-cache DIR]

D0 today's default; J(t) D0 plus an expert the two readers name together at t (noisy-OR of the
highest P an ask gives it and the classifier's whole-turn score); Jarg(t) the same counting only
asks whose best label it is; S sentence ends as ask breaks as well (alone and with J / Jarg).
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evals.triage.evaluate import RESULTS, router_predict, run_layer, with_rules
from evals.triage.multi_intent import memoise_reads, rows_to_read
from evals.triage.routers import default_triage_settings, default_wired_router

JOINT_BARS = (0.5, 0.55, 0.6, 0.65, 0.7)
# Sentence ends: ". " after a word, ! and its full-width form, the ideographic full stop, and an
# inverted question mark opening a question. General punctuation, no words.
SENTENCE_ENDS = ("(?<=[^\\W\\d_])\\.(?=\\s)", "[!！。]", "(?=¿)")


@contextmanager
def breaks(extra: tuple[str, ...]) -> Iterator[None]:
    """The ask breaks of asks.yaml plus `extra`, for the duration (both modules that cut)."""
    import graph.triage.asks as asks_module
    import graph.triage.router as router_module
    from config.yaml_data import read_yaml

    patterns = [*read_yaml(router_module.ASKS_PATH)["breaks"], *extra]
    compiled = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    before = router_module.ask_breaks
    router_module.ask_breaks = asks_module.ask_breaks = lambda *_: compiled  # type: ignore[assignment]
    try:
        yield
    finally:
        router_module.ask_breaks = asks_module.ask_breaks = before  # type: ignore[assignment]


def designs() -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    out: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [("D0", (), {})]
    for cut, extra in (("", ()), ("S+", SENTENCE_ENDS)):
        if cut:
            out.append(("S", extra, {}))
        for t in JOINT_BARS:
            out.append((f"{cut}J{t}", extra, {"joint_bar": t}))
            out.append((f"{cut}Jarg{t}", extra, {"joint_bar": t, "joint_best_only": True}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path)
    parser.add_argument("--scripts", action="store_true")
    parser.add_argument("--fitted-cache", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from graph.routing.classifier import default_classifier
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import AskReader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    older, labeller = ClassifierRouter(), default_classifier()
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    readers: dict[tuple[str, ...], AskReader] = {}
    out = []
    for design, extra, knobs in designs():
        with breaks(extra):
            if extra not in readers:  # the reader learns from pieces cut the same way
                readers[extra] = AskReader.fit(labeller)
            router = default_wired_router(
                classifier, older, asks=readers[extra], ask_bar=triage.ask_bar, **knobs
            )
            predict = with_rules(router_predict(router), net=router, veto=veto)
            r = run_layer(design, predict, rows)
        print(
            f"{r.name:<14} exact {r.exact}/{r.n}  multi {r.multi_exact}/{r.multi}  "
            f"spurious extras {r.spurious_extras}/{r.one_ask}  caught {r.caught}/{r.emergencies}  "
            f"self-harm {r.self_harm_caught}/{r.self_harm} crisis {r.self_harm_as_self_harm}  "
            f"FA hard {r.false_alarms_hard}/{r.hard_negatives}  FA all {r.false_alarms}/{r.ordinary}",
            flush=True,
        )
        out.append({"design": r.name, **r.summary(), "wrong_sets": r.wrong_sets})
    path = args.out or RESULTS / f"combination_grid_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
