"""A day of the trip named is which day, never how many (day_named_rule_2026-12-05.md).

Served read 22 (f13): "第三天太累了，换成轻松一点的" after a four-day Beijing plan came back as a
three-day plan, "三天" read inside "第三天". Phrasings written after the change.
"""

from __future__ import annotations

import re

import pytest

from agents.kb_led import kb_led_answer
from agents.trip_length import TripLength, trip_length


@pytest.mark.parametrize(
    "text",
    ["第五天想去购物", "最后一天早点回酒店", "day 3 we want a beach", "the second day is a rest"],
)
def test_a_named_day_is_no_length(text: str) -> None:
    assert trip_length(text) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [("The fourth day we rest, plan 6 days in Bangkok", 6), ("第二天到，一共玩三天", 3)],
)
def test_a_length_beside_a_named_day_is_read(text: str, days: int) -> None:
    assert trip_length(text) == TripLength(days)


def plan_days(text: str) -> int | None:
    m = re.search(r"(\d+)\s*天行程|(\d+)-day plan", text[:80])
    return int(next(g for g in m.groups() if g)) if m else None


@pytest.mark.parametrize(
    ("thread", "days"),
    [
        (["帮我安排广州五天", "第四天有点赶，能轻松些吗"], 5),
        (["Plan 3 days in Singapore", "the last day feels rushed, can we take it slow?"], 3),
        (["帮我排上海三天，第一天晚上才到"], 3),
    ],
)
def test_a_plan_keeps_its_length_when_a_day_is_named(thread: list[str], days: int) -> None:
    answer = kb_led_answer("itinerary", thread, True)
    assert answer is not None
    assert answer.kind == "day_plan"
    assert plan_days(answer.text) == days
