"""The fallback triage layer: a multi-label char n-gram classifier, trained at start-up.

Why keep it next to the triage adapter: it needs no model server, so triage still works (with
the red-flag rules in front) when vLLM is down or slow. It is trained on the labelled triage
turns (`data/train.jsonl`) plus the older single-label routing turns, one logistic model per
label (one-vs-rest), so a turn can need two experts. Its thresholds are chosen on the
validation split (`python -m evals.triage.evaluate --grid`), never on the test split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN_PATH
from graph.routing.classifier import load_rows
from graph.triage.labels import EMERGENCY, LABELS, OUT_OF_SCOPE, SELF_HARM, ordered
from graph.triage.prompt import render

TRAIN_PATH = Path(__file__).with_name("data") / "train.jsonl"


@dataclass(frozen=True)
class Thresholds:
    # Chosen on the validation split (evals/triage/results/classifier_grid_validation.txt):
    # recall first (a missed emergency can kill), the false alarms on look-alikes reported.
    emergency: float = 0.2  # escalate at or above this emergency probability
    self_harm: float = 0.15
    second: float = 0.4  # a second (or third) answering expert needs this much


@dataclass(frozen=True)
class ClassifierVerdict:
    labels: tuple[str, ...]
    scores: dict[str, float]


def training_rows() -> tuple[list[str], list[list[str]]]:
    texts: list[str] = []
    labels: list[list[str]] = []
    from graph.triage.sft import thread_messages

    for row in load_rows(TRAIN_PATH):
        texts.append(render(thread_messages(row)))
        labels.append(list(row["labels"]))
    for row in load_rows(ROUTING_TRAIN_PATH):
        texts.append(f"[now] {row['text']}")
        labels.append([row["expert"]])
    return texts, labels


class TriageClassifier:
    def __init__(self, thresholds: Thresholds | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MultiLabelBinarizer

        self.thresholds = thresholds or Thresholds()
        texts, labels = training_rows()
        self.binarizer: Any = MultiLabelBinarizer(classes=list(LABELS))
        y = self.binarizer.fit_transform(labels)
        self.pipeline: Any = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
            # seeded SGD logistic models: probabilities, deterministic, fit in about a second
            OneVsRestClassifier(
                SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=50, tol=1e-4, random_state=0)
            ),
        )
        self.pipeline.fit(texts, y)

    def scores(self, messages: Sequence[BaseMessage]) -> dict[str, float]:
        probs = self.pipeline.predict_proba([render(messages)])[0]
        return {label: float(p) for label, p in zip(self.binarizer.classes_, probs, strict=True)}

    def decide(self, scores: dict[str, float]) -> tuple[str, ...]:
        t = self.thresholds
        if scores[SELF_HARM] >= t.self_harm:
            return (SELF_HARM,)
        if scores[EMERGENCY] >= t.emergency:
            return (EMERGENCY,)
        rest = {k: v for k, v in scores.items() if k not in (EMERGENCY, SELF_HARM)}
        best = max(rest, key=lambda k: rest[k])
        if best == OUT_OF_SCOPE:
            return (OUT_OF_SCOPE,)
        chosen = {best} | {k for k, v in rest.items() if v >= t.second and k != OUT_OF_SCOPE}
        return ordered(chosen)

    def classify(self, messages: Sequence[BaseMessage]) -> ClassifierVerdict:
        scores = self.scores(messages)
        return ClassifierVerdict(self.decide(scores), scores)


@cache
def default_triage_classifier() -> TriageClassifier:
    return TriageClassifier()
