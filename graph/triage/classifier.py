"""The fallback triage layer: a multi-label char n-gram classifier, trained at start-up.

Why keep it next to the triage adapter: it needs no model server, so triage still works (with
the red-flag rules in front) when vLLM is down or slow. It is trained on the labelled triage
turns (`data/train.jsonl`) plus the older single-label routing turns, one logistic model per
label (one-vs-rest), so a turn can need two experts. Its thresholds are chosen on the
validation split (`python -m evals.triage.evaluate --grid`), never on the test split.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.history import last_user_text
from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN_PATH
from graph.routing.classifier import load_rows
from graph.triage.labels import EMERGENCY, LABELS, OUT_OF_SCOPE, SELF_HARM, ordered
from graph.triage.prompt import render

TRAIN_PATH = Path(__file__).with_name("data") / "train.jsonl"


@dataclass(frozen=True)
class Thresholds:
    # Chosen on the validation split (evals/triage/results/classifier_grid*_validation.txt):
    # recall first (a missed emergency can kill), the false alarms on look-alikes reported.
    # 0.4 catches a little more on validation (0.86 vs 0.83, same false alarms) but escalated
    # a sunburn "好痛 help" in the scripted conversations: 0.5 keeps the net and that answer.
    emergency: float = 0.5  # escalate at or above this emergency probability
    self_harm: float = 0.2
    second: float = 0.2  # a second (or third) answering expert needs this much
    short_turn_thread_weight: float = 0.4  # a short follow-up leans on the thread this much
    # A label that is the best answering label of one clause of the turn, at or above this,
    # joins the set (None: clauses are not read). Why: a multi-intent turn puts each ask in its
    # own clause ("晒伤很痛，明天去巴厘岛哪里有阴凉的海滩"), and read whole the smaller ask drowns.
    clause: float | None = None
    clause_emergency: float | None = None  # one clause alone may escalate at this (None: no)


SHORT_CHARS = {"cjk": 12, "latin": 25}
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# Where one ask ends and the next may begin: sentence ends, commas, and the words people join
# two asks with. Written from how people chain questions, not from any split's items.
CLAUSE_BREAK = re.compile(
    r"[。！？!?；;\n]+|[，,、]\s*|\s+-+\s+|\s+(?:and|also|plus|btw|but|then)\s+"
    r"|(?:还有|另外|顺便|然后|而且|同时|对了)",
    re.IGNORECASE,
)
MIN_CLAUSE_CHARS = {"cjk": 4, "latin": 12}
MAX_CLAUSES = 16  # a very long turn: its first and last clauses (bounded cost per turn)


def clauses(text: str) -> list[str]:
    """The turn's clauses long enough to carry an ask on their own."""
    parts = (p.strip() for p in CLAUSE_BREAK.split(text))
    kept = [p for p in parts if len(p) >= MIN_CLAUSE_CHARS["cjk" if CJK.search(p) else "latin"]]
    if len(kept) > MAX_CLAUSES:
        kept = kept[: MAX_CLAUSES // 2] + kept[-MAX_CLAUSES // 2 :]
    return kept


def is_short(message: BaseMessage) -> bool:
    text = str(message.content).strip()
    return len(text) <= SHORT_CHARS["cjk" if CJK.search(text) else "latin"]


@dataclass(frozen=True)
class Recipe:
    """How the classifier reads a turn and learns; chosen on the validation split
    (`python -m evals.triage.grid`), never on the test split."""

    char_ngrams: tuple[int, int] = (1, 4)
    word_ngrams: tuple[int, int] | None = None  # Latin words (and whole CJK runs) as well
    model: str = "sgd"  # "sgd": seeded SGD logistic; "logreg": liblinear logistic regression
    c: float = 1.0  # logreg inverse regularisation
    balanced: bool = False  # weigh each label's positives up to its negatives
    routing_rows: bool = True  # learn from the older single-label routing turns as well


@dataclass(frozen=True)
class ClassifierVerdict:
    labels: tuple[str, ...]
    scores: dict[str, float]


def training_rows(routing_rows: bool = True) -> tuple[list[str], list[list[str]]]:
    texts: list[str] = []
    labels: list[list[str]] = []
    from graph.triage.sft import thread_messages

    for row in load_rows(TRAIN_PATH):
        texts.append(render(thread_messages(row)))
        labels.append(list(row["labels"]))
    for row in load_rows(ROUTING_TRAIN_PATH) if routing_rows else []:
        texts.append(f"[now] {row['text']}")
        labels.append([row["expert"]])
    return texts, labels


def build_pipeline(recipe: Recipe) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline, make_union

    weight = "balanced" if recipe.balanced else None
    learner: Any = (
        LogisticRegression(C=recipe.c, solver="liblinear", class_weight=weight)
        if recipe.model == "logreg"
        # seeded SGD logistic models: probabilities, deterministic, fit in about a second
        else SGDClassifier(
            loss="log_loss",
            alpha=5e-5,
            max_iter=50,
            tol=1e-4,
            random_state=0,
            class_weight=weight,
        )
    )
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=recipe.char_ngrams, sublinear_tf=True)
    features: Any = chars
    if recipe.word_ngrams is not None:
        words = TfidfVectorizer(analyzer="word", ngram_range=recipe.word_ngrams, sublinear_tf=True)
        features = make_union(chars, words)
    return make_pipeline(features, OneVsRestClassifier(learner))


class TriageClassifier:
    def __init__(self, thresholds: Thresholds | None = None, recipe: Recipe | None = None) -> None:
        from sklearn.preprocessing import MultiLabelBinarizer

        self.thresholds = thresholds or Thresholds()
        self.recipe = recipe or Recipe()
        texts, labels = training_rows(self.recipe.routing_rows)
        self.binarizer: Any = MultiLabelBinarizer(classes=list(LABELS))
        y = self.binarizer.fit_transform(labels)
        self.pipeline: Any = build_pipeline(self.recipe)
        self.pipeline.fit(texts, y)

    def scores(self, messages: Sequence[BaseMessage]) -> dict[str, float]:
        """The turn read alone and with the thread, mixed by the turn's length.

        Earlier turns carry a follow-up ("第二天呢", "still itchy, what now"), but their words
        must not drown a new question ("我脸上长痘痘怎么办" after an itinerary). Escalation
        are mixed the same way: an open emergency stays open through the safety rules (a short
        "好的" after an escalation), not through the earlier turn's words, so "he is in hospital
        now, how do I change our train tickets" is routed to transport.
        """
        now = HumanMessage(last_user_text(messages))  # type: ignore[arg-type]
        both = self.pipeline.predict_proba([render([now]), render(messages)])
        alone, thread = (
            {label: float(p) for label, p in zip(self.binarizer.classes_, row, strict=True)}
            for row in both
        )
        w = self.thresholds.short_turn_thread_weight if is_short(now) else 0.3
        return {k: (1 - w) * alone[k] + w * thread[k] for k in alone}

    def clause_scores(self, messages: Sequence[BaseMessage]) -> list[dict[str, float]]:
        """Each clause of the turn read alone (empty for a one-clause turn or when unused)."""
        t = self.thresholds
        if t.clause is None and t.clause_emergency is None:
            return []
        parts = clauses(last_user_text(messages))  # type: ignore[arg-type]
        if len(parts) < 2:
            return []
        probs = self.pipeline.predict_proba([render([HumanMessage(p)]) for p in parts])
        return [
            {label: float(p) for label, p in zip(self.binarizer.classes_, row, strict=True)}
            for row in probs
        ]

    def decide(
        self, scores: dict[str, float], clause_scores: Sequence[dict[str, float]] = ()
    ) -> tuple[str, ...]:
        t = self.thresholds
        if scores[SELF_HARM] >= t.self_harm:
            return (SELF_HARM,)
        if scores[EMERGENCY] >= t.emergency:
            return (EMERGENCY,)
        if t.clause_emergency is not None and any(
            c[EMERGENCY] >= t.clause_emergency for c in clause_scores
        ):
            return (EMERGENCY,)
        rest = {k: v for k, v in scores.items() if k not in (EMERGENCY, SELF_HARM)}
        best = max(rest, key=lambda k: rest[k])
        if best == OUT_OF_SCOPE:
            return (OUT_OF_SCOPE,)
        chosen = {best} | {k for k, v in rest.items() if v >= t.second and k != OUT_OF_SCOPE}
        if t.clause is not None:
            for clause in clause_scores:
                ask = {k: v for k, v in clause.items() if k not in (EMERGENCY, SELF_HARM)}
                top = max(ask, key=lambda k: ask[k])
                if top != OUT_OF_SCOPE and ask[top] >= t.clause:
                    chosen.add(top)
        return ordered(chosen)

    def classify(self, messages: Sequence[BaseMessage]) -> ClassifierVerdict:
        scores = self.scores(messages)
        return ClassifierVerdict(self.decide(scores, self.clause_scores(messages)), scores)


@cache
def default_triage_classifier() -> TriageClassifier:
    return TriageClassifier()
