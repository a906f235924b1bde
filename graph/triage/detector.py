"""Dedicated one-label detectors (self-harm, emergency) beside the multi-label classifier.

Why a second model for a label the classifier already scores: in the one-vs-rest classifier the
self-harm model is one of nine, trained without class weights (balanced weights cost the routing
labels exact-set accuracy), so a rare, high-stakes label gets a timid score (validation
self-harm caught 0.71 with the default graph). A binary model per label with balanced class
weights, with its own threshold chosen on the validation split
(`python -m evals.triage.detector_grid`), can be eager on that label without touching how the
other labels route. It reads the classifier's own char n-gram features (fitted once), so it adds
one linear model's fit at start-up and a dot product per turn. Word n-grams lost on validation
(emergency AUC 0.89 vs 0.99 char-only: a CJK "word" is a whole run of characters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from graph.triage.labels import EMERGENCY, SELF_HARM

DETECTED: tuple[str, ...] = (SELF_HARM, EMERGENCY)


@dataclass(frozen=True)
class DetectorRecipe:
    """How a detector learns; chosen on the validation split, never on the test split."""

    balanced: bool = True
    alpha: float = 5e-5


class Detector:
    """P(label) for featurised threads: a binary model over the classifier's training turns."""

    def __init__(
        self,
        label: str,
        features: Any,
        labels: Sequence[Sequence[str]],
        recipe: DetectorRecipe | None = None,
    ) -> None:
        from sklearn.linear_model import SGDClassifier

        self.label = label
        self.recipe = recipe or DetectorRecipe()
        self.model: Any = SGDClassifier(
            loss="log_loss",
            alpha=self.recipe.alpha,
            max_iter=50,
            tol=1e-4,
            random_state=0,
            class_weight="balanced" if self.recipe.balanced else None,
        )
        self.model.fit(features, [int(label in row) for row in labels])

    def probabilities(self, features: Any) -> list[float]:
        return [float(p[1]) for p in self.model.predict_proba(features)]
