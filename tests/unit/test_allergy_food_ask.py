"""A known food allergy told inside a what-to-eat ask, nothing happening now, gets the doctor's
allergy-preparation answer, not a card retrieval picks by shared words (the contact dermatitis
card); a reaction told now is read as before (h135_allergy_food_ask_rule_2026-12-07i.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "泉州有什么特色小吃？我妈妈对虾过敏",
        "which dishes should we try in Macau? my brother is allergic to nuts",
        "no peanuts for my daughter, she's allergic. any must-try food in Yogyakarta?",
    ],
)
def test_a_food_allergy_inside_a_what_to_eat_ask_gets_the_preparation(question: str) -> None:
    got = asked_alone(question)
    assert got.kind == "allergy_prep", question
    assert not got.calls_now()


@pytest.mark.parametrize(
    "question",
    [
        "she's allergic to crab and ate some at dinner, now her throat is tight, what is safe?",
        "对虾过敏，刚吃了小吃，嘴唇肿起来了，还有什么美食能吃",
    ],
)
def test_a_reaction_now_beside_the_food_ask_is_no_preparation(question: str) -> None:
    assert asked_alone(question).kind != "allergy_prep", question
