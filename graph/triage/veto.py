"""A narrow veto of the red-flag rules by the classifier, for flags people use as hyperbole.

"I literally can't breathe lol", "排队排到我快晕倒了", "heart attack at the price" raise the
breathing, altered-consciousness and chest-pain rules. The rules stay the first, high-precision
layer and are not edited to fit such phrasings; instead a hit is dropped only when every flag it
raised is one of IDIOM_PRONE, the turn is no injection, and the classifier is confident the turn
is neither an emergency nor self-harm (both scores below `below`). Self-harm, open emergencies and
every other flag are never vetoed.

Measured on the validation split (`python -m evals.triage.rules_veto`): false alarms on hard
negatives 0.116 -> 0.070 with the default routing and 0.132 -> 0.085 with the labels route, no
emergency lost either way, so it is on by default
(`TG_TRIAGE_RULES_VETO`, 0 switches it off).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import BaseMessage

from config.settings import Settings
from graph.safety import SafetyVerdict
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import EMERGENCY, SELF_HARM

# Fixed from the list of idioms before measuring, never from evaluation items.
IDIOM_PRONE: frozenset[str] = frozenset({"breathing", "altered_consciousness", "chest_pain"})


@dataclass(frozen=True)
class RulesVeto:
    classifier: TriageClassifier
    below: float = 0.1
    flags: frozenset[str] = IDIOM_PRONE

    def overrules(self, verdict: SafetyVerdict, messages: Sequence[BaseMessage]) -> bool:
        if not verdict.emergency or verdict.injection or not verdict.flags:
            return False
        if not set(verdict.flags) <= self.flags:
            return False
        scores, detected = self.classifier.read(messages)
        if self.classifier.detects(detected):  # a dedicated detector sees an emergency
            return False
        return scores[EMERGENCY] < self.below and scores[SELF_HARM] < self.below


def build_rules_veto(settings: Settings) -> RulesVeto | None:
    if not settings.triage.rules_veto:  # None or 0: the rules alone decide
        return None
    from graph.triage.classifier import default_triage_classifier

    classifier = default_triage_classifier(settings.paths.fitted_models_dir)
    return RulesVeto(classifier, settings.triage.rules_veto)
