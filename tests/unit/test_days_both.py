"""With the days said, sights and food asked in one breath get the plan of those days, list word
or not; a count stays a list (days_both_rule_2026-12-06e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.itinerary_ask import read_ask


@pytest.mark.parametrize(
    ("question", "days"),
    [
        ("Lisbon, 3 days: recommend sights and what to eat", 3),
        ("two days in Tokyo — which attractions and what street food?", 2),
        ("重庆四天，有哪些景点和好吃的", 4),
    ],
)
def test_days_with_sights_and_food_is_a_plan(question: str, days: int) -> None:
    ask = read_ask(question)
    assert ask.plan
    assert ask.days == days
    assert ask.dishes


@pytest.mark.parametrize(
    "question",
    [
        "3 days in Lisbon, 5 sights to see and food to eat",  # a count: the list of five
        "two days in Tokyo, which attractions are best?",  # no food beside: a list, as before
    ],
)
def test_a_count_or_no_food_keeps_the_list(question: str) -> None:
    assert not read_ask(question).plan
