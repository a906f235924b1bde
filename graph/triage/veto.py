"""A narrow veto of the red-flag rules by the classifier, for flags people use as hyperbole.

"I literally can't breathe lol", "排队排到我快晕倒了", "heart attack at the price" raise the
breathing, altered-consciousness and chest-pain rules. The rules stay the first, high-precision
layer and are not edited to fit such phrasings; instead a hit is dropped only when every flag it
raised is one of IDIOM_PRONE, the turn is no injection, and the classifier is confident the turn
is neither an emergency nor self-harm (both scores below `below`). Self-harm, open emergencies and
every other flag are never vetoed by that path.

A second, optional path (`framing_below`, `TG_TRIAGE_VETO_FRAMING`, 0.3 since 2026-12-02e): a hit
with any flag but self-harm on a turn framed as past and recovered, hypothetical, or a first-aid
course (`veto_framing.yaml`: "a seizure when I was 19, nothing since", "万一遇到车祸", "first aid
course") is dropped when the classifier's emergency and self-harm scores are below that bar and
no dedicated detector fires (validation, `evals/triage/veto_grid.py`: false alarms on hard
negatives 6 -> 3/129, no emergency lost).

Measured on the validation split (`python -m evals.triage.rules_veto`): false alarms on hard
negatives 0.116 -> 0.070 with the default routing and 0.132 -> 0.085 with the labels route, no
emergency lost either way, so it is on by default
(`TG_TRIAGE_RULES_VETO`, 0 switches it off).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from langchain_core.messages import BaseMessage

from agents.history import user_texts
from config.settings import Settings
from config.yaml_data import read_yaml
from graph.safety import SafetyVerdict
from graph.triage.classifier import TriageClassifier
from graph.triage.labels import EMERGENCY, SELF_HARM

# Fixed from the list of idioms before measuring, never from evaluation items.
IDIOM_PRONE: frozenset[str] = frozenset({"breathing", "altered_consciousness", "chest_pain"})
OPEN = "open_emergency"
FRAMING_PATH = Path(__file__).with_name("veto_framing.yaml")


@cache
def framing_cues(path: Path = FRAMING_PATH) -> re.Pattern[str]:
    """Past-and-recovered, hypothetical and first-aid-course framing (veto_framing.yaml)."""
    patterns = [p for group in read_yaml(path).values() for p in group]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class RulesVeto:
    classifier: TriageClassifier
    below: float = 0.1
    flags: frozenset[str] = IDIOM_PRONE

    # A hit on a turn framed as past and recovered, hypothetical or a first-aid course
    # (veto_framing.yaml): any flag but self-harm, at this bar (None: not consulted).
    framing_below: float | None = None

    def overrules(self, verdict: SafetyVerdict, messages: Sequence[BaseMessage]) -> bool:
        if not verdict.emergency or verdict.injection or not verdict.flags:
            return False
        flags = set(verdict.flags)
        if OPEN in flags:  # an open emergency stays open until the user says care has arrived
            return False
        scores, detected = self.classifier.read(messages)
        if self.classifier.detects(detected):  # a dedicated detector sees an emergency
            return False
        if flags <= self.flags and self.quiet(scores, self.below):
            return True
        bar = self.framing_below
        if bar is None or SELF_HARM in flags:
            return False
        text = str(user_texts(messages)[-1]) if messages else ""
        return self.quiet(scores, bar) and bool(framing_cues().search(text))

    @staticmethod
    def quiet(scores: dict[str, float], bar: float) -> bool:
        return scores[EMERGENCY] < bar and scores[SELF_HARM] < bar


def build_rules_veto(settings: Settings) -> RulesVeto | None:
    if not settings.triage.rules_veto:  # None or 0: the rules alone decide
        return None
    from graph.triage.classifier import default_triage_classifier

    classifier = default_triage_classifier(settings.paths.fitted_models_dir)
    return RulesVeto(
        classifier,
        settings.triage.rules_veto,
        framing_below=settings.triage.veto_framing,
    )
