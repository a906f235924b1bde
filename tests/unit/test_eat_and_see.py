"""Sights and food asked in one breath are no food list (eat_and_see_rule_2026-12-06.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.itinerary_ask import read_ask


@pytest.mark.parametrize(
    "question",
    [
        "Osaka next month: what should we eat and see?",
        "Hanoi must-sees, and what food should we try?",
        "Chiang Mai: places to visit and what to eat",
    ],
)
def test_both_asked_is_no_food_list(question: str) -> None:
    ask = read_ask(question)
    assert not ask.food
    assert ask.dishes


def test_days_said_with_both_is_a_plan() -> None:
    assert read_ask("3 days in Seoul, what to eat and see?").plan


@pytest.mark.parametrize("question", ["what should I eat in Osaka", "which food market to visit"])
def test_a_food_ask_stays_a_food_list(question: str) -> None:
    assert read_ask(question).food
