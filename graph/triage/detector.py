"""Dedicated one-label detectors (self-harm, emergency) beside the multi-label classifier.

Why a second model for a label the classifier already scores: in the one-vs-rest classifier the
self-harm model is one of ten, trained without class weights (balanced weights cost the routing
labels exact-set accuracy), so a rare, high-stakes label gets a timid score (validation
self-harm caught 0.71 with the default graph). A binary model per label with balanced class
weights, with its own threshold chosen on the
validation split (`python -m evals.triage.detector_grid`), can be eager on that label without
touching how the other labels route.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.triage.labels import EMERGENCY, SELF_HARM

DETECTED: tuple[str, ...] = (SELF_HARM, EMERGENCY)


@dataclass(frozen=True)
class DetectorRecipe:
    """How a detector reads a turn; chosen on the validation split, never on the test split."""

    char_ngrams: tuple[int, int] = (1, 4)
    # Word n-grams lost on validation (emergency AUC 0.89 vs 0.99 char-only: a CJK "word" is a
    # whole run of characters), so they stay off.
    word_ngrams: tuple[int, int] | None = None
    balanced: bool = True
    alpha: float = 5e-5


def build_detector_pipeline(recipe: DetectorRecipe) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline, make_union

    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=recipe.char_ngrams, sublinear_tf=True)
    features: Any = chars
    if recipe.word_ngrams is not None:
        words = TfidfVectorizer(analyzer="word", ngram_range=recipe.word_ngrams, sublinear_tf=True)
        features = make_union(chars, words)
    learner = SGDClassifier(
        loss="log_loss",
        alpha=recipe.alpha,
        max_iter=50,
        tol=1e-4,
        random_state=0,
        class_weight="balanced" if recipe.balanced else None,
    )
    return make_pipeline(features, learner)


class Detector:
    """P(label) for rendered threads: a binary model over the same training turns."""

    def __init__(
        self,
        label: str,
        texts: Sequence[str],
        labels: Sequence[Sequence[str]],
        recipe: DetectorRecipe | None = None,
    ) -> None:
        self.label = label
        self.recipe = recipe or DetectorRecipe()
        y = [int(label in row) for row in labels]
        self.pipeline: Any = build_detector_pipeline(self.recipe)
        self.pipeline.fit(list(texts), y)

    def probabilities(self, rendered: Sequence[str]) -> list[float]:
        return [float(p[1]) for p in self.pipeline.predict_proba(list(rendered))]
