"""Red dots on the body make a skin question ("身上有些红点"), not red dots in the eye, mouth or
throat; and a child's red dots after a food are told from hand, foot and mouth disease by the
cards' own signs (red_dots_rule_2026-12-05.md: a febrile child's spreading red dots and a
textbook HFMD got "not a skin problem"). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import answer


@pytest.mark.parametrize(
    "text", ["孩子后背和胳膊上冒出一片红点", "外婆腿上出了些暗红色的红点点，不痒不痛"]
)
def test_red_dots_on_the_body_are_a_skin_question(text: str) -> None:
    assert question_kinds().mentions_skin(text)


@pytest.mark.parametrize("text", ["眼白上突然出现一个红点，不疼", "嗓子眼里有几个红点，咽口水疼"])
def test_red_dots_in_the_eye_or_throat_are_not(text: str) -> None:
    assert not question_kinds().mentions_skin(text)


def test_red_dots_after_a_food_are_told_from_hand_foot_and_mouth() -> None:
    got = answer(
        "小孩吃了花生以后脸上出了一些红点，一直在抓",
        [("hand_foot_mouth", 1.0), ("chickenpox", 0.7), ("acne", 0.6)],
    )
    assert got.cards[0] == "urticaria"


def test_spots_on_palms_and_in_the_mouth_stay_hand_foot_and_mouth() -> None:
    got = answer(
        "幼儿园回来手心有红点，嘴里也有溃疡，昨天吃了芒果",
        [("hand_foot_mouth", 1.0), ("chickenpox", 0.7), ("acne", 0.6)],
    )
    assert got.cards[0] == "hand_foot_mouth"
