"""A permanent tattoo told as done ("纹了只小海豚", "got a tiny fox inked") names the new-tattoo
card whatever its design or the place it was done, never a painted henna one
(tattoo_design_rule_2026-12-06f.md). Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from agents.knowledge.condition_names import conditions_told
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("在兰卡威纹了只小海豚，有点红", True),
        ("just got a tiny fox inked behind my ear in Seoul", True),
        ("在海边画了只海娜小乌龟，起疹子了", False),
        ("夜市上纹了只临时的小蝎子，第二天就痒", False),
        ("got a temporary tattoo of a turtle at the night market", False),
    ],
)
def test_a_tattoo_told_as_done(text: str, told: bool) -> None:
    cards = conditions_told(text, load_conditions().cards.values())
    assert ("new_tattoo" in [c.id for c in cards]) is told


def test_a_tattoo_done_in_bali_is_no_animal_bite() -> None:
    text = "在巴厘岛纹了一只小壁虎，这两天边上有点肿"
    answer = card_answer(text)
    assert answer.cards[:1] == ("new_tattoo",)
