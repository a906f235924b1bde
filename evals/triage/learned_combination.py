"""A learned combination of the whole-turn classifier and the per-ask reader (design L of
results/multi_combination_rule_2026-12-02g.md), fitted on TRAIN only from out-of-fold readings.

    python -m evals.triage.learned_combination [--scripts | --data FILE] [--fitted-cache DIR]

Three folds of the training turns (triage rows grouped by scenario, routing rows by position):
the classifier and the per-ask reader are refitted without the fold and read its turns; a
logistic model over (turn, expert) pairs learns whether the expert is asked. On the scored turns
an expert joins the default's set when the model gives it P >= t.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.history import last_user_text
from evals.triage.evaluate import RESULTS, router_predict, run_layer, with_rules
from evals.triage.multi_intent import design_run_parser, memoise_reads, rows_to_read
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.triage.labels import ANSWERING, EMERGENCY, OUT_OF_SCOPE, SELF_HARM, ordered

BARS = (0.4, 0.5, 0.6, 0.7)
FOLDS = 3


def features(scores: dict[str, float], reads: list[dict[str, float]]) -> list[list[float]]:
    """One row per answering expert: classifier score, the reader's highest P over the asks,
    the same over asks whose best label it is, two or more asks, the classifier's best."""
    best = max(ANSWERING, key=lambda k: scores.get(k, 0.0))
    rows = []
    for k in ANSWERING:
        top = max((r.get(k, 0.0) for r in reads), default=0.0)
        arg = max((r.get(k, 0.0) for r in reads if max(r, key=r.get) == k), default=0.0)  # type: ignore[arg-type]
        rows.append([scores.get(k, 0.0), top, arg, float(len(reads) >= 2), float(k == best)])
    return rows


def piece_reads(reader: Any, text: str) -> list[dict[str, float]]:
    from agents.fitted_models import trusted_inputs
    from graph.triage.asks import asks_of

    asks = asks_of(text)
    if len(asks) < 2:
        return []
    with trusted_inputs():
        probs = reader.pipeline.predict_proba(asks)
    classes = [str(c) for c in reader.pipeline.classes_]
    return [dict(zip(classes, map(float, row), strict=True)) for row in probs]


def fixed(*value: Any) -> Any:
    """A stand-in for a training-data function: returns `value` whatever it is asked."""
    result = value[0] if len(value) == 1 else value
    return lambda *_args, **_kwargs: result


def out_of_fold() -> tuple[list[list[float]], list[int]]:
    import zlib

    import graph.triage.asks as asks_module
    import graph.triage.classifier as classifier_module
    from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN
    from graph.routing.classifier import default_classifier, load_rows
    from graph.triage.asks import AskReader
    from graph.triage.classifier import TRAIN_PATH, TriageClassifier
    from graph.triage.prompt import render
    from graph.triage.sft import thread_messages

    triage = load_rows(TRAIN_PATH)
    routing = load_rows(ROUTING_TRAIN)
    fold_of_triage = [zlib.crc32(str(r.get("scenario", r["id"])).encode()) % FOLDS for r in triage]
    fold_of_routing = [i % FOLDS for i in range(len(routing))]
    rows_before, turns_before = classifier_module.training_rows, asks_module.training_turns
    labeller = default_classifier()
    x: list[list[float]] = []
    y: list[int] = []
    try:
        for fold in range(FOLDS):
            kept_t = [r for r, f in zip(triage, fold_of_triage, strict=True) if f != fold]
            kept_r = [r for r, f in zip(routing, fold_of_routing, strict=True) if f != fold]
            texts = [render(thread_messages(r)) for r in kept_t] + [
                f"[now] {r['text']}" for r in kept_r
            ]
            labels = [list(r["labels"]) for r in kept_t] + [[r["expert"]] for r in kept_r]
            turns = [
                (
                    str([m for m in r["messages"] if m["role"] == "user"][-1]["content"]),
                    list(r["labels"]),
                )
                for r in kept_t
            ] + [(str(r["text"]), [str(r["expert"])]) for r in kept_r]
            classifier_module.training_rows = fixed(texts, labels)  # type: ignore[assignment]
            asks_module.training_turns = fixed(turns)  # type: ignore[assignment]
            classifier = TriageClassifier()
            reader = AskReader.fit(labeller)
            held: list[tuple[list[BaseMessage], list[str]]] = [
                (thread_messages(r), list(r["labels"]))
                for r, f in zip(triage, fold_of_triage, strict=True)
                if f == fold
            ] + [
                ([HumanMessage(r["text"])], [str(r["expert"])])
                for r, f in zip(routing, fold_of_routing, strict=True)
                if f == fold
            ]
            for messages, gold in held:
                if set(gold) & {EMERGENCY, SELF_HARM}:
                    continue
                text = str(last_user_text(messages))  # type: ignore[arg-type]
                scores = classifier.scores(messages)
                for k, row in zip(
                    ANSWERING, features(scores, piece_reads(reader, text)), strict=True
                ):
                    x.append(row)
                    y.append(int(k in gold))
            print(f"fold {fold}: {len(x)} pairs so far", flush=True)
    finally:
        classifier_module.training_rows = rows_before  # type: ignore[assignment]
        asks_module.training_turns = turns_before  # type: ignore[assignment]
    return x, y


def learned_router(classifier: Any, older: Any, reader: Any, model: Any, bar: float) -> Any:
    from graph.routing.base import RouteDecision
    from graph.routing.policy import DOCTOR_FOLLOW_UP
    from graph.triage.router import ESCALATE, TriageRouter

    class LearnedRouter(TriageRouter):
        seen: dict[str, float]

        def with_second_experts(self, decision: Any, scores: Any, messages: Any = ()) -> Any:
            self.seen = scores
            return super().with_second_experts(decision, scores, messages)

        def with_asks(
            self, decision: RouteDecision, messages: Sequence[Any], part: str | None = None
        ) -> RouteDecision:
            after = super().with_asks(decision, messages, part)
            text = str(last_user_text(messages))  # type: ignore[arg-type]
            if (
                decision.experts in ((ESCALATE,), (OUT_OF_SCOPE,))
                or decision.reason == DOCTOR_FOLLOW_UP
                or len(text.strip()) > self.long_turn_chars
            ):
                return after
            p = model.predict_proba(features(self.seen, piece_reads(reader, text)))[:, 1]
            extra = {k for k, q in zip(ANSWERING, p, strict=True) if q >= bar} - set(after.experts)
            if not extra:
                return after
            return replace(after, experts=ordered({*after.experts, *extra}))

    triage = default_triage_settings()
    return default_wired_router(
        classifier, older, router_class=LearnedRouter, asks=reader, ask_bar=triage.ask_bar
    )


def main() -> None:
    parser = design_run_parser(__doc__)
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from sklearn.linear_model import LogisticRegression

    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import default_ask_reader
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    x, y = out_of_fold()
    model = LogisticRegression(C=1.0).fit(x, y)
    print("coefficients", [round(float(c), 3) for c in model.coef_[0]], float(model.intercept_[0]))
    triage = default_triage_settings()
    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    older, reader = ClassifierRouter(), default_ask_reader(args.fitted_cache)
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    out = []
    designs = [("D0", None)] + [(f"L{bar}", bar) for bar in BARS]
    for design, bar in designs:
        if bar is None:
            router = default_wired_router(classifier, older, asks=reader, ask_bar=triage.ask_bar)
        else:
            router = learned_router(classifier, older, reader, model, bar)
        r = run_layer(design, with_rules(router_predict(router), net=router, veto=veto), rows)
        print(
            f"{r.name:<8} exact {r.exact}/{r.n}  multi {r.multi_exact}/{r.multi}  "
            f"spurious extras {r.spurious_extras}/{r.one_ask}  caught {r.caught}/{r.emergencies}  "
            f"FA hard {r.false_alarms_hard}/{r.hard_negatives}  "
            f"FA all {r.false_alarms}/{r.ordinary}",
            flush=True,
        )
        out.append({"design": r.name, **r.summary(), "wrong_sets": r.wrong_sets})
    path = args.out or RESULTS / f"learned_combination_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
