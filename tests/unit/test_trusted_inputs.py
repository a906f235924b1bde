"""Our pipelines predict with scikit-learn's per-call checks off, and the numbers stay the same."""

from __future__ import annotations

from typing import Any

import sklearn

from agents.fitted_models import trusted_inputs
from graph.routing.classifier import TurnClassifier, default_classifier


class RecordingPipeline:
    """Notes whether sklearn's finite check was off while it predicted."""

    def __init__(self, classes: int) -> None:
        self.classes = classes
        self.assume_finite: list[bool] = []

    def predict_proba(self, texts: list[str]) -> list[list[float]]:
        self.assume_finite.append(sklearn.get_config()["assume_finite"])
        return [[1.0 / self.classes] * self.classes for _ in texts]


def test_the_context_turns_the_checks_off_and_back_on() -> None:
    assert not sklearn.get_config()["assume_finite"]
    with trusted_inputs():
        config: dict[str, Any] = sklearn.get_config()
        assert config["assume_finite"]
        assert config["skip_parameter_validation"]
    assert not sklearn.get_config()["assume_finite"]


def test_the_turn_classifier_predicts_inside_it() -> None:
    pipeline = RecordingPipeline(2)
    classifier = TurnClassifier(pipeline, ("travel", "medical"), 0.0)
    classifier.scores("a question")
    classifier.scores_many(["one", "two"])
    assert pipeline.assume_finite == [True, True]


def test_same_scores_as_the_checked_prediction() -> None:
    classifier = default_classifier()
    texts = ["Mosquito bite in Bali, now fever and aching joints", "杭州地铁能直接刷外国信用卡吗"]
    checked = classifier.pipeline.predict_proba(texts)
    for text, row in zip(texts, checked, strict=True):
        assert classifier.scores(text) == {
            c: float(p) for c, p in zip(classifier.classes, row, strict=True)
        }
