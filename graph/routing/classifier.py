"""A fast bilingual turn classifier: character n-grams + a linear model, trained at start-up.

Why trained at start-up and not shipped as a pickle: the labelled set (`data/train.jsonl`, ~1k
turns) fits in under a second on one CPU core, a pickle would tie the repo to one scikit-learn
version, and the model can never drift from the data in the repo. scikit-learn is imported only
when a classifier is built, so importing the graph stays cheap.

Character n-grams (1-4, within word boundaries) work for Chinese, English and code-switched
turns alike, with no tokenizer or network. The classifier only scores one turn; the thread-aware
policy that turns scores into a route lives in `graph.routing.policy`.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.fitted_models import trusted_inputs
from agents.registry import ALL_EXPERTS

DATA_DIR = Path(__file__).with_name("data")
TRAIN_PATH = DATA_DIR / "train.jsonl"
DEV_PATH = DATA_DIR / "dev.jsonl"


def load_rows(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@dataclass(frozen=True)
class TurnClassifier:
    """Scores one user turn over the eight experts; `scores` sums to 1."""

    pipeline: Any
    classes: tuple[str, ...]
    fit_seconds: float

    def scores(self, text: str) -> dict[str, float]:
        with trusted_inputs():
            probs = self.pipeline.predict_proba([text])[0]
        return {c: float(p) for c, p in zip(self.classes, probs, strict=True)}

    def scores_many(self, texts: list[str]) -> list[dict[str, float]]:
        with trusted_inputs():
            rows = self.pipeline.predict_proba(texts)
        return [{c: float(p) for c, p in zip(self.classes, row, strict=True)} for row in rows]


def fit(rows: list[dict[str, Any]]) -> TurnClassifier:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline

    started = time.perf_counter()
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, lowercase=True),
        # Logistic loss by SGD: probabilities for the policy's thresholds, and a fit well under a
        # second (lbfgs logistic regression takes ~8 s on this data); seeded, so deterministic.
        SGDClassifier(loss="log_loss", alpha=3e-4, max_iter=50, tol=1e-4, random_state=0),
    )
    pipeline.fit([r["text"] for r in rows], [r["expert"] for r in rows])
    classes = tuple(str(c) for c in pipeline.classes_)
    assert set(classes) == set(ALL_EXPERTS), classes
    return TurnClassifier(pipeline, classes, time.perf_counter() - started)


@cache
def default_classifier(path: Path = TRAIN_PATH) -> TurnClassifier:
    """Trained once per process on the labelled set in the repo."""
    return fit(load_rows(path))
