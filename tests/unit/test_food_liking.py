"""A liking for food said with the trip's days is who the travellers are, not a food-list ask
(food_liking_rule_2026-12-06g.md); without days, or beside a real food ask, the food list stays.
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.itinerary_ask import read_ask


@pytest.mark.parametrize(
    "question",
    [
        "We're total foodies with three days in Kyoto — thoughts?",
        "Two food lovers, 4 days in Seoul, what would you do?",
        "成都两天，我们是吃货，你看怎么玩",
        "带爸妈去杭州五天，他们很爱吃，给点建议",
    ],
)
def test_a_food_liking_with_the_days_said_is_a_plan(question: str) -> None:
    ask = read_ask(question)
    assert ask.plan
    assert not ask.food


@pytest.mark.parametrize(
    "question",
    [
        "We're foodies — where should we eat in Kyoto?",
        "我们是吃货，长沙哪里有好吃的",
        "Four days in Seoul and we love food: what dishes should we try?",
        "杭州五天，吃货一枚，有什么必吃的",
    ],
)
def test_a_food_ask_beside_the_liking_stays_a_food_list(question: str) -> None:
    assert read_ask(question).food
