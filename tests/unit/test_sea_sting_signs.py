"""A sting in the sea is told from a sunburn and a scald by the jellyfish card's telling signs
(sea_sting_signs_rule_2026-12-04f.md); a sunburn after a day in the water stays a sunburn.
Phrasings written for this file, on the shipped cards and retrieval."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


def lead(question: str) -> str:
    answer = asked_alone(question)
    return answer.cards[0] if answer.cards else answer.kind


@pytest.mark.parametrize(
    "question",
    [
        "got stung in the water off Koh Samui, whip marks across my arm and it burns so bad",
        "在海里游泳被蛰了一下，小腿一道一道的红痕，像被烫了一样",
    ],
)
def test_a_sting_in_the_sea_leads_with_the_jellyfish_card(question: str) -> None:
    assert lead(question) == "jellyfish_sting"


@pytest.mark.parametrize(
    "question",
    [
        "swam in the sea all afternoon in Bali without sunscreen, my back is red and burning",
        "在海边游了一下午泳，没涂防晒，后背晒得通红发烫",
    ],
)
def test_a_sunburn_after_a_day_in_the_water_stays_a_sunburn(question: str) -> None:
    assert lead(question) == "sunburn"
