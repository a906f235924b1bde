"""Free days said beside a stay that work or family fills are the days to plan ("a fortnight
at the Hong Kong office, 2 free days"), and a holiday's free days stay inside its length
("10 days in Phuket, three of them lazy free days by the pool") (free_days_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.trip_length import trip_length


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("I'm on a 9-day work assignment in Dubai with two free days, what to see?", 2),
        ("training course in London for 10 days, I get 3 days off, ideas?", 3),
        ("I'm at a trade show in Paris all week but have one spare day", 1),
        ("12 days in Kuala Lumpur for meetings, 2 of which are open", 2),
        ("去武汉出差八天，其中三天没事，帮我排排", 3),
        ("来深圳驻场两周，周末两天有空", 2),
        ("在杭州开会六天，最后空出一天，去哪玩", 1),
        ("回老家探亲十天，中间空闲两天想去长沙转转", 2),
        ("I have 2 spare days in Macau, plan them", 2),
        ("南京有两天空闲，怎么玩", 2),
    ],
)
def test_free_days_are_the_days_to_plan(text: str, days: int) -> None:
    found = trip_length(text)
    assert found is not None
    assert found.slots == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("10 days in Phuket, three of them lazy free days by the pool", 10),
        ("Plan 8 days in Rome, leave 2 free days for wandering", 8),
        ("厦门玩五天，留一天空闲睡懒觉", 5),
        ("三亚六天跟团，其中两天自由活动", 6),
        ("a week in Paris on business, what should I pack?", 7),
        ("出差青岛三天，晚上有空去哪吃", 3),
    ],
)
def test_a_holiday_or_a_stay_without_free_days_keeps_its_length(text: str, days: int) -> None:
    found = trip_length(text)
    assert found is not None
    assert found.slots == days


def test_a_business_week_with_free_days_is_planned_on_the_free_days() -> None:
    turn = "Seminar in Singapore for a week, but I've got 2 free days to look around"
    answer = kb_led_answer("itinerary", [turn], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    assert answer.text.startswith("2-day plan for Singapore")
