"""Urgent care instead of the ambulance template, for a borderline net-only escalation.

Why: the statistical nets (the triage classifier's emergency class, its emergency detector, and
the older router's own emergency class reached as the fallback) read words, not the scale and
reassurance that set a look-alike apart ("a coin-sized blister", "fades when I press it", "only
on my arms"), so fever-with-a-rash, heartburn or a wasp sting got "call an ambulance now, give
no food or drink" (issue 11, over-escalation). Yet the nets alone catch 58 of the 120
non-self-harm emergencies on validation, so they cannot simply be turned down.

The tier is narrow: an emergency escalation that comes only from a net — no red-flag rule, no
category, not self-harm, no injection — on a turn the classifier *also* reads as a doctor's
question (its `medical` score at least `medical_at_least`) while its emergency score stays below
`emergency_below` (a confident net keeps the template) and its self-harm score below
`self_harm_below` (a self-harm signal never leaves the crisis path). The route node then asks the
card-led doctor (graph/urgent_care.py): where its own reading calls now, the emergency template
answers after all; otherwise the doctor answers under an urgent-care banner — the signs that
mean call now, with the local numbers, and otherwise a doctor today — and the safety event is
still emitted (level `urgent`).

One exception to "never leaves the crisis path": a turn that tells a minor accident
(`tells_minor_accident`: a cause and a wound named, no red-flag sign, no self-harm word, no sign
rule of the doctor's; `accident.yaml`) — a graze off a scooter, a cut on a shell — that the char
nets alone read as an emergency or as self-harm goes to the doctor the same way, under the
emergency ceiling only (results/net_false_alarms_rule_2026-12-06i.md); so does a turn that tells
drying out after diarrhoea, vomiting or heat with no call-now sign (`tells_drying_out`: the
template's "give no food or drink" is wrong for it; results/dehydration_rule_2026-12-06j.md),
and one that tells a jellyfish sting with no call-now sign (`tells_mild_sea_sting`,
`sea_sting.yaml`: the jellyfish card's first aid; results/mild_sea_sting_rule_2026-12-07a.md).

Bars chosen on validation plus its look-alike supplement by `python -m evals.triage.urgent_care`
(rule: evals/triage/results/urgent_care_rule_2026-12-02.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from langchain_core.messages import AnyMessage

from config.yaml_data import read_yaml
from graph.triage.labels import EMERGENCY, MEDICAL, SELF_HARM

if TYPE_CHECKING:
    from agents.knowledge.conditions import Card
    from config.setting_groups import TriageSettings

URGENT_CARE = "urgent care"  # in the route reason of a softened escalation
ACCIDENT_PATH = Path(__file__).with_name("accident.yaml")
SEA_STING_PATH = Path(__file__).with_name("sea_sting.yaml")
BENIGN_COURSE_PATH = Path(__file__).with_name("benign_course.yaml")
CHILD_UNDER = 16  # years: an age stated under it is a child (benign_course.yaml)
INFANT_UNDER = 0.5  # years: under 6 months keeps the alarm (NICE NG143: <3 m red, 3-6 m amber)
JELLYFISH_CARD = "jellyfish_sting"  # its `regional` places keep the alarm (tells_mild_sea_sting)


@cache
def accident_words(path: Path = ACCIDENT_PATH) -> dict[str, re.Pattern[str]]:
    """A word-list file's lists, each as one pattern: accident.yaml's `cause`, `wound`,
    `red_flag`, `self_harm`; sea_sting.yaml's `sting`, `red_flag`; self_harm_misread.yaml's and
    asks.yaml's (graph/triage/router.py)."""
    return {
        part: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        for part, patterns in read_yaml(path).items()
    }


def tells_minor_accident(turn: str) -> bool:
    """Whether the turn tells a minor accident: a cause and a wound named ("骑摩托车摔了，腿上擦掉
    一大块皮", "my son cut himself on a broken shell"), with no sign it is more (deep, bone,
    bleeding that won't stop, a head hit …), no word of self-harm beside it ("不小心又划了四道",
    "accidentally cut my wrist again, don't tell"), and no sign rule of the doctor's
    (agents/prompts/emergency_signs.yaml) met (results/net_false_alarms_rule_2026-12-06i.md)."""
    from agents.emergency_signs import emergency_signs

    words = accident_words()
    return (
        bool(words["cause"].search(turn) and words["wound"].search(turn))
        and not words["red_flag"].search(turn)
        and not words["self_harm"].search(turn)
        and emergency_signs().read(turn) is None
    )


def tells_drying_out(turn: str) -> bool:
    """Whether the turn tells fluid lost with a sign of drying out and none of the signs that
    call now ("拉肚子两天，一站起来就头晕", "throwing up since last night, mouth really dry";
    agents/prompts/emergency_signs.yaml `drying_out`: not a faint, a bloody stool, no pee for 8
    hours, a baby or an older person …), no sign rule of the doctor's met, and no word of
    self-harm or despair beside it (results/dehydration_rule_2026-12-06j.md)."""
    from agents.emergency_signs import emergency_signs
    from agents.responders import tells_despair

    signs = emergency_signs()
    return (
        signs.drying_out(signs.signs(turn)) == "today"
        and signs.read(turn) is None
        and not accident_words()["self_harm"].search(turn)
        and not tells_despair(turn)
    )


def tells_mild_sea_sting(turn: str) -> bool:
    """Whether the turn tells a jellyfish sting with none of the signs that call now ("游泳被水母
    扫到，胳膊上一道道红印", "brushed a jellyfish, red welts, stings like mad"; sea_sting.yaml: not
    a box jellyfish, a venomous fish, the breathing, throat, face, chest, a faint, cramps or
    sweating …), no place of the jellyfish card's regional notes (tropical northern Australia:
    every sting a possible box jellyfish, call 000), no sign rule of the doctor's met (h100's
    spreading sea sting, the anaphylaxis rules), and no word of self-harm or despair beside it
    (results/mild_sea_sting_rule_2026-12-07a.md)."""
    from agents.emergency_signs import emergency_signs
    from agents.knowledge.conditions import load_conditions
    from agents.responders import tells_despair

    words = accident_words(SEA_STING_PATH)
    card = load_conditions().get(JELLYFISH_CARD)
    return (
        bool(words["sting"].search(turn))
        and not words["red_flag"].search(turn)
        and not any(note.said_in([turn]) for note in card.regional)
        and emergency_signs().read(turn) is None
        and not accident_words()["self_harm"].search(turn)
        and not tells_despair(turn)
    )


@cache
def benign_course() -> tuple[dict[str, re.Pattern[str]], frozenset[str], frozenset[str]]:
    """benign_course.yaml's word lists (`child`, `infant`, `reassurance`, `red_flag`) as patterns,
    its `red_flag_signs` and its `picture_signs` (the doctor's sign groups)."""
    data = read_yaml(BENIGN_COURSE_PATH)
    groups = {"red_flag_signs", "picture_signs"}
    words = {
        part: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        for part, patterns in data.items()
        if part not in groups
    }
    return words, frozenset(data["red_flag_signs"]), frozenset(data["picture_signs"])


def tells_benign_child_course(turn: str, earlier: Sequence[str] = ()) -> bool:
    """Whether the turn tells a feverish or rashy child whose state the parent reassures ("still
    running around the pool and eating fine", 精神还可以, "a slight fever"): a child named (an age
    under 16 when an age is stated, else a child word; no infant under 6 months or newborn), a
    fever, rash or blisters (the doctor's sign groups), a reassurance in the newest turn, none of
    the NHS call-999 signs for a child with a fever (`red_flag`, read on the whole turn, denials
    included), none of the doctor's danger sign groups nor a sign rule of the doctor's met, and no
    word of self-harm or despair (benign_course.yaml;
    evals/triage/results/h112_benign_child_rule_2026-12-07e.md). All but the reassurance are read
    over the newest `thread_turns` user turns (`earlier`: the user turns before this one): a child
    who was floppy an hour ago keeps the alarm (amendment 1)."""
    from agents.emergency_signs import emergency_signs
    from agents.responders import tells_despair

    words, red_signs, picture = benign_course()
    signs = emergency_signs()
    recent = [t for t in [*earlier, turn][-signs.thread_turns :] if t]
    told = "\n".join(recent)
    ages = [a for t in recent for a in signs.ages(t)]
    child = any(a < CHILD_UNDER for a in ages) if ages else bool(words["child"].search(told))
    if not child or any(a < INFANT_UNDER for a in ages) or words["infant"].search(told):
        return False
    if not words["reassurance"].search(turn) or words["red_flag"].search(told):
        return False
    shown = signs.thread_signs(recent)
    return (
        bool(shown & picture)
        and not shown & red_signs
        and all(signs.read(t) is None for t in recent)
        and signs.read_thread(recent) is None
        and not any(accident_words()["self_harm"].search(t) for t in recent)
        and not any(tells_despair(t) for t in recent)
    )


@dataclass(frozen=True)
class UrgentCare:
    medical_at_least: float
    emergency_below: float
    self_harm_below: float = 0.2

    def names_ordinary_condition(self, scores: dict[str, float], turn: str) -> bool:
        """Whether a net-only escalation is on a turn that names, by name or alias, a condition
        card that is not an emergency card ("my son has head lice": the emergency detector read
        "head" as a head injury), under the same emergency and self-harm ceilings. The doctor
        still answers with the emergency template where its own reading calls now
        (results/named_condition_rule_2026-12-03.md)."""
        return self.under_ceilings(scores) and any(not card.emergency for card in cards_named(turn))

    def follows_an_ordinary_card(
        self, scores: dict[str, float], messages: Sequence[AnyMessage]
    ) -> bool:
        """Whether a net-only escalation is on a follow-up to the doctor's card-led answer on
        ordinary cards only ("我朋友说涂皮炎平就好了，可以吗" after athlete's foot), under the same
        ceilings: the doctor, who reads the thread's emergency signs, answers it."""
        from agents.card_answer import last_card_led
        from agents.knowledge.conditions import load_conditions

        cards = last_card_led(messages[:-1])
        kb = load_conditions()
        return (
            bool(cards)
            and self.under_ceilings(scores)
            and not any(kb.get(card).emergency for card in cards or ())
        )

    def minor_complaint(self, scores: dict[str, float], turn: str) -> bool:
        """Whether a net-only alarm — the nets' emergency, or the char nets' self-harm reading of
        a cut — is on a turn that tells a minor accident (`tells_minor_accident`), drying out
        without a call-now sign (`tells_drying_out`) or a mild jellyfish sting
        (`tells_mild_sea_sting`), under the emergency ceiling: the doctor answers it (the
        cuts-and-grazes card; oral rehydration; the jellyfish card), or the emergency template
        where its own reading calls now. The self-harm ceiling is not asked: the turn's own
        self-harm words stand in for it."""
        return scores.get(EMERGENCY, 1.0) < self.emergency_below and (
            tells_minor_accident(turn) or tells_drying_out(turn) or tells_mild_sea_sting(turn)
        )

    def benign_child(
        self, scores: dict[str, float], turn: str, earlier: Sequence[str] = ()
    ) -> bool:
        """Whether a net-only emergency is on a turn that tells a feverish or rashy child the
        parent reassures, with no call-now sign (`tells_benign_child_course`): the doctor answers
        it under the banner, or the emergency template where its own reading calls now. No
        emergency ceiling (served read 44 r3 scored 0.81: the reassurance is what a confident char
        net cannot weigh); the self-harm ceiling stays."""
        return scores.get(SELF_HARM, 1.0) < self.self_harm_below and tells_benign_child_course(
            turn, earlier
        )

    def applies(self, scores: dict[str, float]) -> bool:
        """Whether a net-only emergency escalation with these classifier scores becomes the
        doctor's answer under the urgent-care banner."""
        return scores.get(MEDICAL, 0.0) >= self.medical_at_least and self.under_ceilings(scores)

    def under_ceilings(self, scores: dict[str, float]) -> bool:
        """A confident emergency net keeps the template; a self-harm signal never leaves the
        crisis path."""
        return (
            scores.get(EMERGENCY, 1.0) < self.emergency_below
            and scores.get(SELF_HARM, 1.0) < self.self_harm_below
        )


def cards_named(turn: str) -> list[Card]:
    """The condition cards the turn names: by name, and since 2026-12-04h in its aliases' lay
    words too ("stung by a jellyfish": results/alias_named_rule_2026-12-04h.md), and told in a
    sentence ("bitten by a monkey": results/animal_bite_told_rule_2026-12-06.md)."""
    from agents.card_answer import named_by_user
    from agents.knowledge.condition_names import conditions_named, conditions_told
    from agents.knowledge.conditions import load_conditions

    cards = load_conditions().cards.values()
    return [
        *conditions_named(turn, cards),
        *(c for c in cards if named_by_user(c, turn)),
        *conditions_told(turn, cards),
    ]


def urgent_care(triage: TriageSettings) -> UrgentCare | None:
    """The tier the settings ask for (None: off)."""
    if triage.urgent_medical is None:
        return None
    return UrgentCare(triage.urgent_medical, triage.urgent_emergency_below)
