"""A number of days that is not the trip's length is not read as one — a time ("五天前", "in
3 days' time"), a rate ("一天走两万步", "four meals a day"), a day's load ("too many temples for
one day") or a jet-lag span — and a request to change the plan ("could you drop a few?") is no
yes/no feasibility ask (day_count_rule_2026-12-06.md). Phrasings written after the change; a
trip length said beside a time or a stay keeps its days."""

from __future__ import annotations

import re

import pytest

from agents.feasibility_ask import asks_feasibility
from agents.kb_led import kb_led_answer
from agents.trip_length import trip_length


@pytest.mark.parametrize(
    "text",
    [
        "我五天前在大理把手机丢了",
        "I was in Hanoi four days ago, heading to Hoi An next",
        "再过三天就去桂林了，帮我排一下",
        "我们三天后到厦门，怎么安排",
        "一天走两万步实在吃不消",
        "伤口一天换两次药，能去海边吗",
        "four meals a day in Penang, plan it for me",
        "walking six hours a day is a lot",
        "too many temples for one day",
        "一天逛那么多景点真的吃不消",
        "到了先倒两天时差",
        "we'll be jet-lagged for two days",
        "we will be groggy for 2 days after we land",
    ],
)
def test_a_number_of_days_that_is_no_length(text: str) -> None:
    assert trip_length(text) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("在厦门待三天后去泉州", 3),
        ("先在成都玩四天", 4),
        ("the next 3 days in Tokyo, what should we do", 3),
        ("我们有五天，去云南", 5),
        ("一天往返苏州来得及吗", 1),
        ("2 days in Lisbon and a day trip to Sintra", 2),
    ],
)
def test_a_trip_length_keeps_its_days(text: str, days: int) -> None:
    found = trip_length(text)
    assert found is not None
    assert found.slots == days


@pytest.mark.parametrize(
    "text",
    [
        "that's too much for one day, could you drop a couple?",
        "Could you plan a 3-day trip to Hue?",
        "could you shorten it? too much for one day",
        "一天能去的也就两三个，能不能帮我删几个",
    ],
)
def test_a_change_request_is_no_feasibility_ask(text: str) -> None:
    assert not asks_feasibility(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can we do Nara in a day?",
        "一天来得及吗？不行的话帮我删几个",
        "is a day trip to Hakone doable?",
    ],
)
def test_a_yes_no_ask_stays_one(text: str) -> None:
    assert asks_feasibility(text)


def test_a_day_too_full_keeps_the_thread_plan_at_the_easy_pace() -> None:
    got = kb_led_answer(
        "itinerary",
        ["Give me 3 days in Seoul", "too many places for one day, could you drop a few?"],
        plans_from_kb=True,
    )
    assert got is not None
    assert got.kind == "day_plan"
    assert got.text.startswith("3-day plan for Seoul")
    assert re.search(r"At an easy pace", got.text)
