"""Spots on the chin or jaw, with none of chickenpox's own signs (a fever, blisters, new crops), are
acne's: the telling signs pass a chickenpox lead to acne, and the answer says how to tell the two
apart; a chin with a fever and fluid-filled spots stays chickenpox (chin_spots_rule_2026-12-06h.md).
Phrasings written after the change, not the fresh files'."""

from __future__ import annotations

import pytest

from agents.knowledge.conditions import load_conditions
from agents.knowledge.telling_signs import signs_shown
from tests.unit.doctor_call import card_answer


def _answer(text: str):  # type: ignore[no-untyped-def]
    return card_answer(text)


@pytest.mark.parametrize(
    "text",
    ["woke up with spots all over my chin", "she has spots all over her chin"],
)
def test_spots_on_the_chin_lead_with_acne(text: str) -> None:
    got = _answer(text)
    assert got.kind == "card"
    assert got.cards[0] == "acne"
    assert "How to tell it from Chickenpox" in str(got.text)


def test_a_chin_with_a_fever_and_fluid_filled_spots_stays_chickenpox() -> None:
    got = _answer("spots on my chin and a fever, and a few have filled with fluid")
    assert got.cards[0] == "chickenpox"


def test_the_chin_is_a_word_not_a_string_inside_urchin() -> None:
    acne = load_conditions().get("acne")
    assert signs_shown(acne, "a sea urchin spine in my heel") == 0
    assert signs_shown(acne, "little spots along my jawline") == 1
    assert signs_shown(acne, "下巴上冒了几颗") == 1
