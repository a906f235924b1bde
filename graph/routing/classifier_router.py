"""The embedded default router: the turn classifier's scores, then the thread-aware policy."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import AnyMessage

from graph.routing.base import RouteDecision, last_user_text, previous_experts
from graph.routing.classifier import TurnClassifier, default_classifier
from graph.routing.policy import PolicyConfig, decide, focus


class ClassifierRouter:
    """Milliseconds per turn, no model call, deterministic: safe to run on every turn."""

    name = "classifier"

    def __init__(
        self, classifier: TurnClassifier | None = None, config: PolicyConfig | None = None
    ) -> None:
        self.classifier = classifier or default_classifier()
        self.config = config or PolicyConfig()

    def scores(self, text: str) -> dict[str, float]:
        whole = self.classifier.scores(text)
        ask = focus(text, self.config)
        if ask == text.strip():
            return whole
        # A long story: the question at its end counts as much as everything before it.
        end = self.classifier.scores(ask)
        return {k: (whole[k] + end[k]) / 2 for k in whole}

    def route(self, messages: Sequence[AnyMessage], without: tuple[str, ...] = ()) -> RouteDecision:
        """`without`: labels whose score is read as 0 (the triage layer's guard found the turn
        asks for food with a diet told, so this router's emergency class is a misread too)."""
        text = last_user_text(messages)
        scores = self.scores(text) | dict.fromkeys(without, 0.0)
        return decide(scores, text, previous_experts(messages), self.config)
