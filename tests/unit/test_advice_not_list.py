"""An advice ask ("有什么…建议 / 要小心的 / 的办法") beside a trip's days asks for advice, not
a list of places: the days said keep their plan (advice_not_list_rule_2026-12-06i.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest

from agents.itinerary_ask import read_ask


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("去大理四天，有什么特别要小心的吗", 4),
        ("哈尔滨两天，有什么穿衣方面的建议", 2),
        ("想在厦门待三天，有什么需要留意的事情", 3),
    ],
)
def test_an_advice_ask_keeps_the_plan_of_the_days(text: str, days: int) -> None:
    ask = read_ask(text)
    assert ask.plan
    assert ask.days == days


NOT_A_PLAN = ("大理四天有什么值得去的地方", "大理有什么建议", "大理四天，推荐几个景点")


@pytest.mark.parametrize("text", NOT_A_PLAN)
def test_a_list_or_no_days_is_read_as_before(text: str) -> None:
    assert not read_ask(text).plan
