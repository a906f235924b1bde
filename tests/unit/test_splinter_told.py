"""A splinter told in a sentence (wood, bamboo, glass, a thorn) is a small wound: the cuts-and-
grazes card, never "not a skin problem" nor the sea-urchin card; a sea urchin's spine, a bee's
sting and a hangnail keep theirs (splinter_rule_2026-12-06f.md). Phrasings written after the
change, not the fresh file's."""

from __future__ import annotations

import pytest

from agents.knowledge.condition_names import conditions_told
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer


@pytest.mark.parametrize(
    ("text", "told"),
    [
        pytest.param(
            "脚后跟踩到碎玻璃碴，扎进去了一点",
            True,
            marks=pytest.mark.xfail(strict=True, reason="the glass and 扎进 in two clauses: left"),
        ),
        pytest.param(
            "大拇指扎了一根小刺，挑不出来",
            True,
            marks=pytest.mark.xfail(strict=True, reason="拇指 is not among the places: left"),
        ),
        ("竹签扎进了手心", True),
        ("picked up a splinter from the old picnic table", True),
        ("手指边上起了倒刺，撕了以后有点疼", False),
        ("在海边被海胆的刺扎了脚", False),
    ],
)
def test_a_splinter_is_told_as_a_small_wound(text: str, told: bool) -> None:
    cards = conditions_told(text, load_conditions().cards.values())
    assert ("cuts_grazes" in [c.id for c in cards]) is told


@pytest.mark.parametrize(
    "text",
    [
        "picked up a splinter from the old picnic table, it's still in there",
        "竹椅子上的竹刺扎进了大腿",
    ],
)
def test_a_splinter_gets_the_cuts_and_grazes_card(text: str) -> None:
    answer = card_answer(text)
    assert (answer.kind, answer.cards[:1]) == ("card", ("cuts_grazes",))
