"""Food asked for in words the food list missed (food_asks_rule_2026-12-06e.md): "good eats",
"dishes to try", "night markets", "必吃", "特色菜"; a night market wished for with the days said
stays a plan. Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.highlights import sights
from agents.itinerary_ask import read_ask
from agents.knowledge import load_kb


@pytest.mark.parametrize(
    "question",
    [
        "Lisbon: where are the good eats?",
        "any cheap eats around Shinjuku?",
        "Penang hawker dishes to try before we fly home?",
        "do the Bangkok night markets still run on Mondays?",
        "landing in Hanoi tomorrow, what should we try there?",
        "武汉有什么必吃",
        "潮汕的特色菜给推荐一下",
        "来顺德了，牛奶甜品吃哪家",
    ],
)
def test_food_asked_in_other_words_is_a_food_list(question: str) -> None:
    assert read_ask(question).food


@pytest.mark.parametrize(
    "question",
    [
        "Two days in Taipei — we'd love the night markets on day 1",
        "厦门四天，想去小吃街和夜市逛逛",
    ],
)
def test_a_food_place_with_the_days_said_stays_a_plan(question: str) -> None:
    ask = read_ask(question)
    assert ask.plan
    assert not ask.food


@pytest.mark.parametrize(
    "question",
    [
        "which museums should I try in Vienna if it rains?",
        "Uber Eats or Foodpanda in Singapore?",
        "头痛该吃哪种药",
    ],
)
def test_try_eats_and_which_alone_are_no_food_ask(question: str) -> None:
    assert not read_ask(question).food


def test_a_plural_market_highlight_is_a_food_place() -> None:
    taipei = next(d for d in load_kb().find("Taipei"))
    assert any(s.food_place and "night markets" in s.text for s in sights(taipei, "en"))
