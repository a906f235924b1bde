"""Choose the triage classifier's recipe and thresholds on the validation split.

    python -m evals.triage.grid [--quick]     # validation only; the test split is refused

Each recipe (features, learner, class weights) is trained once on graph/triage/data/train.jsonl
(+ the older routing turns); its scores on every validation turn are cached, then the decision
thresholds are swept over the cache. Two ways of routing what is not escalated are compared: the
classifier's own labels (several experts for a multi-intent turn) and the older router. Every
row is scored as the graph meets it: the red-flag rules first (`with_rules`), then the layer.
The table lands in evals/triage/results/grid_validation.md.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.history import last_user_text, user_texts
from evals.triage.evaluate import RESULTS, LayerReport, load_split
from graph.routing.base import previous_experts
from graph.safety import check_turn
from graph.triage.classifier import Recipe, Thresholds, TriageClassifier, is_short
from graph.triage.prompt import render
from graph.triage.sft import thread_messages

RECIPES: dict[str, Recipe] = {
    "sgd char1-4 (the default)": Recipe(balanced=False),
    "sgd char1-4 balanced": Recipe(balanced=True),
    "sgd char1-4 + words1-2 balanced": Recipe(word_ngrams=(1, 2), balanced=True),
    "logreg C=10 char1-4 + words1-2 balanced": Recipe(
        word_ngrams=(1, 2), model="logreg", c=10.0, balanced=True
    ),
    "logreg C=30 char1-4 + words1-2 balanced": Recipe(
        word_ngrams=(1, 2), model="logreg", c=30.0, balanced=True
    ),
    "sgd char1-4, triage rows only": Recipe(balanced=False, routing_rows=False),
    "sgd char1-4 + words1-2": Recipe(balanced=False, word_ngrams=(1, 2)),
    "logreg C=10 char1-4": Recipe(balanced=False, model="logreg", c=10.0),
    "logreg C=10 char1-4 + words1-2": Recipe(
        balanced=False, word_ngrams=(1, 2), model="logreg", c=10.0
    ),
    "logreg C=30 char1-4 + words1-2": Recipe(
        balanced=False, word_ngrams=(1, 2), model="logreg", c=30.0
    ),
}
QUICK = ("sgd char1-4 (the default)", "sgd char1-4 balanced")
EMERGENCY = (0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)
SELF_HARM = (0.15, 0.2, 0.3, 0.4, 0.5, 0.6)
SECOND = (0.15, 0.2, 0.25, 0.3)
THREAD_WEIGHT = (0.4,)
ROUTING = ("labels", "labels + older net", "older router")


@dataclass(frozen=True)
class Cached:
    row: dict[str, Any]
    rules_emergency: bool
    injection: bool
    older: tuple[str, ...]
    alone: dict[str, float]
    thread: dict[str, float]
    short: bool


def rules_verdict(messages: Sequence[BaseMessage]) -> tuple[bool, bool]:
    texts = user_texts(messages)
    verdict = check_turn(texts[-1], texts[:-1], previous_experts(messages))  # type: ignore[arg-type]
    return verdict.emergency, verdict.injection


def cache_scores(
    classifier: TriageClassifier,
    rows: list[dict[str, Any]],
    fixed: list[tuple[bool, bool, tuple[str, ...]]],
) -> list[Cached]:
    cached = []
    for row, (emergency, injection, older) in zip(rows, fixed, strict=True):
        messages = thread_messages(row)
        now = HumanMessage(last_user_text(messages))  # type: ignore[arg-type]
        probs = classifier.pipeline.predict_proba([render([now]), render(messages)])
        alone, thread = (
            {k: float(p) for k, p in zip(classifier.binarizer.classes_, r, strict=True)}
            for r in probs
        )
        cached.append(
            Cached(
                row,
                emergency,
                injection,
                older,
                alone,
                thread,
                is_short(now),
            )
        )
    return cached


def score(
    classifier: TriageClassifier, cached: list[Cached], thresholds: Thresholds, routing: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Classifier alone, and the graph without a model (rules, then the classifier)."""
    classifier.thresholds = thresholds
    alone_report, graph_report = LayerReport("classifier"), LayerReport("graph")
    for c in cached:
        w = thresholds.short_turn_thread_weight if c.short else 0.3
        mixed = {k: (1 - w) * c.alone[k] + w * c.thread[k] for k in c.alone}
        labels = classifier.decide(mixed)
        alone_report.add(c.row, labels, None)
        if c.rules_emergency:
            graph_labels: tuple[str, ...] = ("emergency",)
        elif c.injection:
            graph_labels = ("out_of_scope",)
        elif labels[0] in ("emergency", "self_harm") or routing == "labels":
            graph_labels = labels
        elif routing == "labels + older net":
            graph_labels = c.older if c.older == ("emergency",) else labels
        else:
            graph_labels = c.older
        graph_report.add(c.row, graph_labels, None)
    return alone_report.summary(), graph_report.summary()


KEYS = (
    ("emergencies_caught", "caught"),
    ("self_harm_caught", "self-harm"),
    ("false_alarms_hard_negatives", "FA hard"),
    ("false_alarms_all_ordinary", "FA all"),
    ("exact_expert_set", "exact"),
    ("multi_intent_exact", "multi"),
)


def rank(result: tuple[Thresholds, str, dict[str, Any], dict[str, Any]]) -> tuple[float, ...]:
    """The selection rule, fixed before the grid ran (smaller sorts first)."""
    _, _, alone, graph = result
    allowed = (alone["false_alarms_hard_negatives"] or 0.0) <= 0.02
    return (
        not allowed,
        -round(graph["emergencies_caught"], 2),
        -(graph["exact_expert_set"] + graph["multi_intent_exact"]),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="two recipes only")
    parser.add_argument("--out", type=Path, default=RESULTS / "grid_validation.md")
    parser.add_argument("--top", type=int, default=8, help="rows kept per recipe")
    parser.add_argument("--recipe", action="append", choices=list(RECIPES), help="only these")
    parser.add_argument("--em", type=float, help="only this emergency threshold")
    parser.add_argument("--sh", type=float, help="only this self-harm threshold")
    args = parser.parse_args()
    from graph.routing.classifier_router import ClassifierRouter

    rows = load_split("validation")  # never the test split
    older = ClassifierRouter()
    fixed = []
    for row in rows:
        messages = thread_messages(row)
        routed = older.route(messages)  # type: ignore[arg-type]
        fixed.append((*rules_verdict(messages), tuple(routed.experts)))
    lines = [
        "# Triage grid on the validation split (python -m evals.triage.grid)",
        "",
        "Graph = red-flag rules first, then the classifier (no model server). "
        "`alone` = the classifier without the rules.",
        "",
        f"Per recipe, the best {args.top} settings by the rule fixed before the grid ran: the "
        "classifier alone raises at most 2% false alarms on hard negatives; then most "
        "emergencies caught (2 decimals), then exact expert set + multi-intent exact.",
        "",
        "| recipe | em | sh | second | routing | "
        + " | ".join(f"graph {n}" for _, n in KEYS)
        + " | alone caught | alone FA hard | alone exact | alone multi |",
        "|" + "---|" * (5 + len(KEYS) + 4),
    ]
    for name in args.recipe or (QUICK if args.quick else RECIPES):
        classifier = TriageClassifier(recipe=RECIPES[name])
        cached = cache_scores(classifier, rows, fixed)
        results = []
        for em, sh, second, w, routing in itertools.product(
            EMERGENCY, SELF_HARM, SECOND, THREAD_WEIGHT, ROUTING
        ):
            if routing == "older router" and second != SECOND[0]:
                continue  # the labels' thresholds do not matter when the older router routes
            if (args.em is not None and em != args.em) or (args.sh is not None and sh != args.sh):
                continue
            t = Thresholds(em, sh, second, w)
            alone, graph = score(classifier, cached, t, routing)
            results.append((t, routing, alone, graph))
        kept = sorted(results, key=rank)[: args.top]
        for t, routing, alone, graph in kept:
            lines.append(
                f"| {name} | {t.emergency} | {t.self_harm} | {t.second} | {routing} | "
                + " | ".join(str(graph[k]) for k, _ in KEYS)
                + f" | {alone['emergencies_caught']} | {alone['false_alarms_hard_negatives']}"
                f" | {alone['exact_expert_set']} | {alone['multi_intent_exact']} |"
            )
        best = kept[0]
        print(f"{name}: best {best[0]} {best[1]} {[best[3][k] for k, _ in KEYS]}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
