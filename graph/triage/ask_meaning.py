"""The per-ask reader's second reading: each ask of a chained turn read by the reading layer's
meaning vectors (serving/embedder.py) instead of its strings.

Why: the char per-ask reader (asks.py) lost the second side of most validation multi-intent
misses — of 36, 18 had no ask whose best label was the missing expert and 7 one under its bar
(`python -m evals.triage.multi_breakdown`, h139_multi_intent_reading_rule_2026-12-08.md): it reads
"which area is best to book a villa in" by its strings. The base model's first layers read
what the ask means. Trained on the same pieces as the char reader (TRAIN only: the cut training
turns with their ask labels and the written ask pieces), read in one batched call per turn.

It only ever adds an answering expert to a turn no layer escalated (TriageRouter.with_asks); when
the reading server is unset, down or slow, the char reader reads the asks alone, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graph.triage.meaning import Embed

log = logging.getLogger(__name__)

C = 0.01  # the whole-turn reading layer's regularisation (meaning.py), not tuned here


@dataclass
class AskMeaning:
    """P(label) for each ask from the reading server's vectors; None when the server fails."""

    embed: Embed
    scaler: Any
    model: Any
    classes: tuple[str, ...]

    @classmethod
    def fit(cls, embed: Embed, features: Any, labels: Sequence[str]) -> AskMeaning:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        scaler = StandardScaler().fit(features)
        # balanced like the char reader (asks.AskRecipe): the rarer experts' asks are not
        # drowned by background pieces (`none`)
        model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
        model.fit(scaler.transform(features), list(labels))
        return cls(embed, scaler, model, tuple(str(c) for c in model.classes_))

    def read(self, asks: Sequence[str]) -> list[dict[str, float]] | None:
        """Each ask's P(label), in one call to the reading server; None when it fails."""
        if not asks:
            return []
        try:
            vectors = self.embed(list(asks))
        except Exception as exc:  # down, slow or refusing: the char reader reads the asks alone
            log.warning("reading server unavailable, asks read by their chars alone: %s", exc)
            return None
        rows = self.model.predict_proba(self.scaler.transform(vectors))
        return [dict(zip(self.classes, map(float, row), strict=True)) for row in rows]


def training_asks() -> tuple[list[str], list[str]]:
    """The pieces the char per-ask reader learns from, with their labels (TRAIN only)."""
    from graph.routing.classifier import default_classifier
    from graph.triage.asks import (
        ask_rows,
        labelled_asks,
        training_turns,
        written_asks,
        written_labels,
    )

    texts, labels = ask_rows(training_turns(), default_classifier(), labelled_asks())
    return [*texts, *written_asks()], [*labels, *written_labels()]


def fit_ask_meaning(embed: Embed, slow: Embed, identity: str, cache_dir: Any) -> AskMeaning:
    """Fitted on the training asks as the server behind `slow` reads them (vectors cached like
    the whole-turn reader's, keyed by the server's identity and the texts)."""
    from graph.triage.meaning import MAX_CHARS, cached_features

    texts, labels = training_asks()
    features = cached_features(slow, identity, [t[:MAX_CHARS] for t in texts], cache_dir)
    return AskMeaning.fit(embed, features, labels)
