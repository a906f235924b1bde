"""Turn one turn's classifier scores plus the thread into a route. Pure functions, no model.

The rules, in order:
1. Cues: a travel expert whose strong words the turn uses (住/hotel, 签证/visa, …, see
   `lexicon.yaml`), or health words for the doctor, gets `cue_bonus`. In a long story only its
   end, where the question is, is cued.
2. Follow-ups: a short turn that leans on the previous answer gets a bonus for the expert(s) that
   answered it, so "那要连续用几天？" after a skin answer stays medical and "what about the second
   day?" stays with the itinerary. A long or confidently different turn still switches topic.
   The doctor's topic stays open for longer: after a medical answer, a turn of follow-up length
   that uses no travel word ("要坚持用多久才能看到效果？") is the doctor's, whatever the
   classifier says; a turn with a travel word ("杭州有什么好吃的？") is routed on its content.
3. Emergencies: the classifier's `emergency` class is a second signal next to the deterministic
   red-flag rules (which run earlier, in `graph.safety`); it escalates above `emergency_min`.
4. Near ties between a trip and health: health words make the doctor lead; without a single
   health word, travel leads.
5. Out of scope: the fixed reply; never combined with another expert.
6. Multi-intent: a travel turn with health words (or a complaint told, `complaint_terms`) adds
   the medical expert; a skin turn that also asks for travel help adds the best travel expert.
   Travel comes first in the route; the doctor's section may be moved first
   (graph/routing/answer_order.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from agents.registry import TRAVEL_EXPERTS
from config.yaml_data import read_yaml
from graph.routing.base import RouteDecision

LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")
# The reason of a turn kept with the doctor; nothing is added to it (no second expert).
DOCTOR_FOLLOW_UP = "follow-up on the doctor's open topic (no travel words)"


@dataclass(frozen=True)
class Lexicon:
    medical_terms: tuple[re.Pattern[str], ...]
    complaint_terms: tuple[re.Pattern[str], ...]
    travel_asks: tuple[re.Pattern[str], ...]
    follow_up_cues: tuple[re.Pattern[str], ...]
    expert_cues: dict[str, tuple[re.Pattern[str], ...]]


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:

    data = read_yaml(path)

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

    cues = {
        expert: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        for expert, patterns in data["expert_cues"].items()
    }
    return Lexicon(
        compiled("medical_terms"),
        compiled("complaint_terms"),
        compiled("travel_asks"),
        compiled("follow_up_cues"),
        cues,
    )


@dataclass(frozen=True)
class PolicyConfig:
    emergency_min: float = 0.4  # classifier score to escalate without a red-flag rule
    follow_up_bonus: float = 0.5  # added to the previous expert's score on a follow-up
    follow_up_max_chars: int = 40  # longer turns are routed on their own content
    follow_up_max_chars_latin: int = 80  # the same for turns without Chinese characters
    second_expert_min: float = 0.08  # a multi-intent partner's score must reach this
    cue_bonus: float = 0.35  # added to a travel expert whose strong words the turn uses
    very_short_chars: int = 12  # a turn this short (zh) leans on the thread even without a cue
    very_short_chars_latin: int = 25
    medical_lead_margin: float = 0.1  # health leads when within this of the top travel expert
    long_turn_chars: int = 300  # in longer turns only the end (where the question is) is cued


CJK = re.compile(r"[\u4e00-\u9fff]")


def _any(patterns: Sequence[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def follow_up_limit(text: str, config: PolicyConfig) -> int:
    """The longest a turn may be to read as a follow-up (Chinese says more in fewer characters)."""
    return config.follow_up_max_chars if CJK.search(text) else config.follow_up_max_chars_latin


def is_follow_up(text: str, lexicon: Lexicon, config: PolicyConfig) -> bool:
    stripped = text.strip()
    limit = follow_up_limit(stripped, config)
    short = config.very_short_chars if CJK.search(stripped) else config.very_short_chars_latin
    return len(stripped) <= short or (
        len(stripped) <= limit and _any(lexicon.follow_up_cues, stripped)
    )


def travel_words(text: str, lexicon: Lexicon) -> bool:
    """Whether the turn uses a travel expert's strong word or asks for travel help."""
    travel = [p for patterns in lexicon.expert_cues.values() for p in patterns]
    return _any(travel, text) or _any(lexicon.travel_asks, text)


def stays_with_doctor(
    text: str, previous: Sequence[str], lexicon: Lexicon, config: PolicyConfig
) -> bool:
    """A follow-up on the doctor's open topic: the doctor answered the turn before, and this
    turn is of follow-up length and names nothing of a trip."""
    stripped = text.strip()
    limit = follow_up_limit(stripped, config)
    return "medical" in previous and len(stripped) <= limit and not travel_words(stripped, lexicon)


def focus(text: str, config: PolicyConfig) -> str:
    """The part of a turn that carries the ask: all of a short turn, the end of a long story."""
    stripped = text.strip()
    return stripped[-config.long_turn_chars :]


def decide(
    scores: dict[str, float],
    text: str,
    previous: Sequence[str] = (),
    config: PolicyConfig | None = None,
    lexicon: Lexicon | None = None,
) -> RouteDecision:
    config = config or PolicyConfig()
    lexicon = lexicon or load_lexicon()
    adjusted = dict(scores)
    reasons: list[str] = []
    ask = focus(text, config)
    cues = {**lexicon.expert_cues, "medical": lexicon.medical_terms}
    for expert, patterns in cues.items():
        if _any(patterns, ask):
            adjusted[expert] = adjusted.get(expert, 0.0) + config.cue_bonus
    carried = [p for p in previous if p in TRAVEL_EXPERTS or p == "medical"]
    follow_up = bool(carried) and is_follow_up(text, lexicon, config)
    if follow_up:
        for p in carried:
            adjusted[p] = adjusted.get(p, 0.0) + config.follow_up_bonus / len(carried)
        reasons.append(f"follow-up to {'+'.join(carried)}")

    if adjusted.get("emergency", 0.0) >= config.emergency_min:
        return RouteDecision(("emergency",), "classifier: emergency", scores)
    adjusted.pop("emergency", None)
    best = max(adjusted, key=lambda e: adjusted[e])
    if best != "out_of_scope" and stays_with_doctor(text, carried, lexicon, config):
        return RouteDecision(("medical",), DOCTOR_FOLLOW_UP, scores, None, "medical", True)
    primary = max(adjusted, key=lambda e: adjusted[e])
    health_words = _any(lexicon.medical_terms, ask)
    if (
        primary in TRAVEL_EXPERTS
        and health_words
        and adjusted.get("medical", 0.0) >= adjusted[primary] - config.medical_lead_margin
    ):
        primary = "medical"  # a near tie between a trip and a health worry: health leads
    best_travel = max(TRAVEL_EXPERTS, key=lambda e: adjusted.get(e, 0.0))
    if (
        primary == "medical"
        and not health_words
        and not (follow_up and "medical" in carried)
        and adjusted.get(best_travel, 0.0) >= adjusted["medical"] - config.medical_lead_margin
    ):
        primary = best_travel  # a near tie without a single health word: travel leads
    reasons.append(f"classifier: {primary} {scores.get(primary, 0.0):.2f}")
    if primary == "out_of_scope":
        return RouteDecision((primary,), "; ".join(reasons), scores, None, primary, follow_up)

    if primary in TRAVEL_EXPERTS:
        # The classifier is single-label, so the health part of a travel turn shows in words.
        if health_words or _any(lexicon.complaint_terms, ask):
            reasons.append("also health: medical")
            return RouteDecision(
                (primary, "medical"), "; ".join(reasons), scores, None, primary, follow_up
            )
        return RouteDecision((primary,), "; ".join(reasons), scores, None, primary, follow_up)

    # primary is medical
    travel = best_travel
    if (
        _any(lexicon.travel_asks, ask)
        and adjusted.get(travel, 0.0) >= config.second_expert_min
        and not (follow_up and carried == ["medical"])  # "用的时候能化妆吗" stays one answer
    ):
        reasons.append(f"also travel: {travel}")
        return RouteDecision(
            (travel, "medical"), "; ".join(reasons), scores, None, primary, follow_up
        )
    return RouteDecision(("medical",), "; ".join(reasons), scores, None, primary, follow_up)
