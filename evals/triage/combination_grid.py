"""How the whole-turn classifier and the per-ask reader combine on a chained turn, chosen on
validation with the scripted conversations as a constraint (the rule, written first:
results/multi_combination_rule_2026-12-02g.md).

    python -m evals.triage.combination_grid [--scripts | --data FILE] [--fitted-cache DIR]

D0 today's default; J(t) D0 plus an expert the two readers name together at t (noisy-OR of the
highest P an ask gives it and the classifier's whole-turn score); Jarg(t) the same counting only
asks whose best label it is; S sentence ends as ask breaks as well (alone and with J / Jarg).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from langchain_core.messages import BaseMessage

from evals.triage.evaluate import (
    RESULTS,
    Predict,
    escalated,
    router_predict,
    run_layer,
    with_rules,
)
from evals.triage.multi_intent import design_run_parser, memoise_reads, rows_to_read
from evals.triage.routers import default_triage_settings, default_wired_router
from graph.triage.labels import ANSWERING, OUT_OF_SCOPE

if TYPE_CHECKING:
    from langchain_core.messages import AnyMessage

    from graph.routing.base import RouteDecision
    from graph.triage.asks import AskReader

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


def evidence(reader: AskReader, text: str, best_only: bool = False) -> dict[str, float]:
    """Per answering expert, the highest P any ask of a turn of two or more gives it
    (`best_only`: only asks whose best label it is). Empty for a turn of one ask."""
    from agents.fitted_models import trusted_inputs
    from graph.triage.asks import asks_of
    from graph.triage.labels import ANSWERING

    asks = asks_of(text)
    if len(asks) < 2:
        return {}
    with trusted_inputs():
        rows = reader.pipeline.predict_proba(asks)
    classes = [str(c) for c in reader.pipeline.classes_]
    found: dict[str, float] = {}
    for row in rows:
        best = classes[int(row.argmax())]
        for label, p in zip(classes, row, strict=True):
            if label in ANSWERING and (not best_only or label == best):
                found[label] = max(found.get(label, 0.0), float(p))
    return found


def joint(asks: dict[str, float], scores: dict[str, float], bar: float) -> set[str]:
    """The experts the two readers name together: 1 - (1 - a)(1 - s) >= bar."""
    return {k for k, a in asks.items() if 1 - (1 - a) * (1 - scores.get(k, 0.0)) >= bar}


def joint_router(classifier: Any, older: Any, reader: AskReader, **knobs: Any) -> Any:
    """The default router, and on a chained turn the experts the two readers name together
    (J / Jarg). Only here: no design with it was adopted."""
    from dataclasses import replace

    from agents.history import last_user_text
    from graph.routing.policy import DOCTOR_FOLLOW_UP
    from graph.triage.labels import OUT_OF_SCOPE, ordered
    from graph.triage.router import ESCALATE, TriageRouter

    bar = knobs.pop("joint_bar", None)
    best_only = knobs.pop("joint_best_only", False)

    class JointRouter(TriageRouter):
        seen: dict[str, float]

        def with_second_experts(self, decision: Any, scores: Any, messages: Any = ()) -> Any:
            self.seen = scores  # the classifier's whole-turn scores, for with_asks below
            return super().with_second_experts(decision, scores, messages)

        def with_asks(
            self,
            decision: RouteDecision,
            messages: Sequence[AnyMessage],
            part: str | None = None,
        ) -> RouteDecision:
            after = super().with_asks(decision, messages, part)
            text = str(last_user_text(messages))  # type: ignore[arg-type]
            if (  # the turns the reader reads (TriageRouter.with_asks' guards)
                bar is None
                or decision.experts in ((ESCALATE,), (OUT_OF_SCOPE,))
                or decision.reason == DOCTOR_FOLLOW_UP
                or len(text.strip()) > self.long_turn_chars
            ):
                return after
            extra = joint(evidence(reader, text, best_only), self.seen, bar) - set(after.experts)
            if not extra:
                return after
            return replace(after, experts=ordered({*after.experts, *extra}))

    return default_wired_router(classifier, older, asks=reader, router_class=JointRouter, **knobs)


READERS: dict[str, dict[str, Any]] = {
    "W": {"word_ngrams": (1, 2), "char_ngrams": (1, 4), "written": False},
    "C5": {"char_ngrams": (1, 5), "written": False},
}
# Added 15:55 (rule file, fourth design): the written ask pieces, on the adopted C5 reader
WRITTEN: dict[str, dict[str, Any]] = {"A": {"written": True}}


def reader_designs() -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    """Added after the first run: the per-ask reader's features (rule file, same rule)."""
    before = {"char_ngrams": (1, 4), "written": False}
    out: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [("D0", (), {"recipe": before})]
    for name, recipe in READERS.items():
        for bar in (0.5, 0.6, 0.7):
            out.append((f"{name}@{bar}", (), {"recipe": recipe, "ask_bar": bar}))
        for t in (0.6, 0.65):
            out.append((f"{name}+J{t}", (), {"recipe": recipe, "joint_bar": t}))
    return out


def every_expert(predict: Predict) -> Predict:
    """Control: every answering expert on every turn the graph does not escalate."""

    def control(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        labels, category = predict(messages)
        return (labels, category) if escalated(labels) else (ANSWERING, category)

    return control


def top_expert_only(predict: Predict, classifier: Any) -> Predict:
    """Control: the classifier's best answering label (or out-of-scope) alone."""

    def control(messages: Sequence[BaseMessage]) -> tuple[tuple[str, ...], str | None]:
        labels, category = predict(messages)
        if escalated(labels):
            return labels, category
        scores = classifier.scores(messages)
        best = max((*ANSWERING, OUT_OF_SCOPE), key=lambda k: scores[k])
        return (best,), category

    return control


def designs() -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    """The first run's designs, on the reader of its time (main 6dfcd24)."""
    before = {"char_ngrams": (1, 4), "written": False}
    out: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [("D0", (), {"recipe": before})]
    for cut, extra in (("", ()), ("S+", SENTENCE_ENDS)):
        if cut:
            out.append(("S", extra, {"recipe": before}))
        for t in JOINT_BARS:
            out.append((f"{cut}J{t}", extra, {"recipe": before, "joint_bar": t}))
            out.append(
                (
                    f"{cut}Jarg{t}",
                    extra,
                    {"recipe": before, "joint_bar": t, "joint_best_only": True},
                )
            )
    return out


def main() -> None:
    parser = design_run_parser(__doc__)
    parser.add_argument("--readers", action="store_true", help="the reader designs instead")
    parser.add_argument("--written", action="store_true", help="the written-asks designs")
    parser.add_argument(
        "--final",
        action="store_true",
        help="main before (char 1-4 reader), the adopted default, and the two controls",
    )
    args = parser.parse_args()
    rows, name = rows_to_read(parser, args)

    from graph.routing.classifier import default_classifier
    from graph.routing.classifier_router import ClassifierRouter
    from graph.triage.asks import AskReader, AskRecipe
    from graph.triage.classifier import default_triage_classifier
    from graph.triage.veto import RulesVeto

    triage = default_triage_settings()
    classifier = default_triage_classifier(args.fitted_cache)
    memoise_reads(classifier)
    older, labeller = ClassifierRouter(), default_classifier()
    veto = RulesVeto(classifier, triage.rules_veto or 0.1, framing_below=triage.veto_framing)
    readers: dict[str, AskReader] = {}
    out = []
    chosen = reader_designs() if args.readers else designs()
    if args.written:
        chosen = [("D0", (), {"recipe": {"written": False}})] + [
            (f"A@{bar}", (), {"recipe": WRITTEN["A"], "ask_bar": bar}) for bar in (0.5, 0.6, 0.7)
        ]
    if args.final:
        chosen = [
            (
                "main 6dfcd24 (reader char 1-4, no written asks)",
                (),
                {"recipe": {"char_ngrams": (1, 4), "written": False}},
            ),
            ("C5 without written asks", (), {"recipe": {"written": False}}),
            ("default now", (), {}),
            ("control: every expert", (), {"control": "every"}),
            ("control: top expert only", (), {"control": "top"}),
        ]
    for design, extra, knobs in chosen:
        control = knobs.pop("control", None)
        recipe = knobs.pop("recipe", {})
        key = repr((extra, recipe))
        with breaks(extra):
            if key not in readers:  # the reader learns from pieces cut the same way
                readers[key] = AskReader.fit(labeller, recipe=AskRecipe(**recipe))
            router = joint_router(
                classifier, older, readers[key], **{"ask_bar": triage.ask_bar, **knobs}
            )
            predict = with_rules(router_predict(router), net=router, veto=veto)
            if control == "every":
                predict = every_expert(predict)
            elif control == "top":
                predict = top_expert_only(predict, classifier)
            r = run_layer(design, predict, rows)
        print(
            f"{r.name:<14} exact {r.exact}/{r.n}  multi {r.multi_exact}/{r.multi}  "
            f"spurious extras {r.spurious_extras}/{r.one_ask}  caught {r.caught}/{r.emergencies}  "
            f"self-harm {r.self_harm_caught}/{r.self_harm} crisis {r.self_harm_as_self_harm}  "
            f"FA hard {r.false_alarms_hard}/{r.hard_negatives}  "
            f"FA all {r.false_alarms}/{r.ordinary}",
            flush=True,
        )
        out.append({"design": r.name, **r.summary(), "wrong_sets": r.wrong_sets})
        if args.final:
            print("\n".join(f"   {w}" for w in r.wrong_sets), flush=True)
    path = args.out or RESULTS / f"combination_grid_{name}.json"
    path.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"-> {path}")


if __name__ == "__main__":
    main()
