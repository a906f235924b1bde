"""The per-ask reader: a turn cut into its asks, each ask read by a model trained on asks.

Why a model of its own: the whole-turn classifier reads a fragment ("住Shinjuku还是Ueno", "I
have 3 days in Rome") as it never saw one in training and adds spurious experts (design D1,
evals/triage/results/README.md 2026-12-02b). Here the training turns are cut the same way as a
turn at run time, so fragments are what the model learned from: an ask of a one-label turn
inherits its label; an ask of a multi-label turn takes the gold label that the older single-ask
router (graph/routing, trained on one-ask turns) scores highest; the routing rows (one ask each)
join as they are. Single-label (multiclass) over the answering experts and out-of-scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.fitted_models import trusted_inputs
from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN_PATH
from graph.routing.classifier import TurnClassifier, load_rows
from graph.triage.labels import ANSWERING, OUT_OF_SCOPE
from graph.triage.router import ask_breaks

ASK_LABELS: tuple[str, ...] = (*ANSWERING, OUT_OF_SCOPE)
CJK_CHAR = "\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af"
# Chinese (and Japanese, Korean) turns often chain asks with a space instead of a comma:
# "峨眉山两天一夜 怎么上山 山上住哪" is three asks.
CJK_SPACE = re.compile(rf"(?<=[{CJK_CHAR}])\s+(?=[{CJK_CHAR}])")
MIN_ASK_CHARS = 2  # a piece shorter than this ("我") carries no ask


def asks_of(text: str) -> list[str]:
    """The turn cut at its ask breaks (asks.yaml) and at spaces between CJK characters."""
    pieces: list[str] = []
    for part in ask_breaks().split(text):
        if part:
            pieces.extend(CJK_SPACE.split(part))
    return [p.strip() for p in pieces if len(p.strip()) >= MIN_ASK_CHARS]


def ask_rows(
    turns: Iterable[tuple[str, list[str]]], labeller: TurnClassifier
) -> tuple[list[str], list[str]]:
    """Each ordinary turn's asks with a label each (turns that escalate are left out: the reader
    only ever adds an answering expert to a turn nobody escalated)."""
    pieces: list[tuple[str, list[str]]] = []
    for text, gold in turns:
        if gold and all(g in ASK_LABELS for g in gold):
            pieces.extend((ask, gold) for ask in asks_of(text))
    several = [ask for ask, gold in pieces if len(gold) > 1]
    read = dict(zip(several, labeller.scores_many(several), strict=True)) if several else {}
    labels = [
        gold[0] if len(gold) == 1 else max(gold, key=lambda g: read[ask].get(g, 0.0))
        for ask, gold in pieces
    ]
    return [ask for ask, _ in pieces], labels


def training_turns() -> list[tuple[str, list[str]]]:
    """The last user turn of every training row with its labels, then the routing rows."""
    from graph.triage.classifier import TRAIN_PATH

    turns: list[tuple[str, list[str]]] = []
    for row in load_rows(TRAIN_PATH):
        last = [m for m in row["messages"] if m["role"] == "user"][-1]["content"]
        turns.append((str(last), list(row["labels"])))
    for row in load_rows(ROUTING_TRAIN_PATH):
        turns.append((str(row["text"]), [str(row["expert"])]))
    return turns


@dataclass(frozen=True)
class AskReader:
    pipeline: Any

    @classmethod
    def fit(cls, labeller: TurnClassifier) -> AskReader:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.pipeline import make_pipeline

        texts, labels = ask_rows(training_turns(), labeller)
        pipeline = make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
            # the same seeded SGD logistic recipe as the classifiers: probabilities, deterministic
            SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=50, tol=1e-4, random_state=0),
        )
        pipeline.fit(texts, labels)
        return cls(pipeline)

    def read(self, text: str) -> list[tuple[str, str, float]]:
        """Each ask of a turn of two or more: (ask, its best label, that label's probability).
        A turn of one ask gives nothing: the whole-turn readers have already read it."""
        asks = asks_of(text)
        if len(asks) < 2:
            return []
        with trusted_inputs():
            rows = self.pipeline.predict_proba(asks)
        classes = [str(c) for c in self.pipeline.classes_]
        found: list[tuple[str, str, float]] = []
        for ask, row in zip(asks, rows, strict=True):
            best = int(row.argmax())
            found.append((ask, classes[best], float(row[best])))
        return found

    def answering(self, text: str, bar: float) -> set[str]:
        """The answering experts some ask of the turn names with at least `bar`."""
        return {label for _, label, p in self.read(text) if label in ANSWERING and p >= bar}


_DEFAULT: list[AskReader] = []


def default_ask_reader(cache_dir: Path | None = None) -> AskReader:
    """The process's one per-ask reader, fitted once (kept on disk like the classifier,
    `agents.fitted_models`, keyed by its training turns and this code)."""
    if not _DEFAULT:
        import json
        import sys

        from agents import fitted_models
        from graph.routing.classifier import default_classifier

        parts: list[bytes | str] = [
            json.dumps(training_turns(), ensure_ascii=False),
            *fitted_models.source_of(sys.modules[__name__]),
        ]
        fit = lambda: AskReader.fit(default_classifier())  # noqa: E731
        _DEFAULT.append(fitted_models.load_or_fit(cache_dir, "ask_reader", parts, fit))
    return _DEFAULT[0]
