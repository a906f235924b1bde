"""Less each day asked of a plan is the easy pace, and a plan asked again in a thread keeps the
thread's days (served read 27, r20: "能不能每天少安排点" after a 3-day Hangzhou plan came back as
2 days with more per day). Phrasings written after the change; a limit on money, food or a kind
of sight is no pace."""

from __future__ import annotations

import re

import pytest

from agents.kb_led import kb_led_answer
from agents.pace import asks_less_per_day


def plan(*turns: str) -> tuple[int, bool]:
    """(the last day number of the KB plan, whether it is at the easy pace)."""
    got = kb_led_answer("itinerary", list(turns), plans_from_kb=True)
    assert got is not None
    assert got.kind == "day_plan"
    days = re.findall(r"\*\*(?:第(\d+)(?:-(\d+))?天|Day (\d+)(?:[-–](\d+))?)\*\*", got.text)
    last = max(int(x) for d in days for x in d if x)
    return last, bool(re.search(r"按轻松的节奏|At an easy pace", got.text))


@pytest.mark.parametrize(
    "text",
    [
        "这两天安排得有点满，松一些可以吗",
        "明天少逛几处吧",
        "我们都走累了",
        "could you plan a bit less for each day?",
        "the schedule looks too hectic for my dad",
        "honestly we're worn out, slow things down",
    ],
)
def test_less_each_day_is_asked(text: str) -> None:
    assert asks_less_per_day(text)


@pytest.mark.parametrize(
    "text",
    [
        "想少花点钱",
        "fewer temples and more night markets",
        "less spicy food please",
        "can we cut the cost down",
        "一点都不累，还能多排",
    ],
)
def test_a_limit_on_something_else_is_no_pace(text: str) -> None:
    assert not asks_less_per_day(text)


def test_a_lighter_plan_keeps_the_thread_days_at_the_easy_pace() -> None:
    assert plan("帮我规划四天的西安行程", "行程太赶了，每天少去一两个地方") == (4, True)
    assert plan("Give me a 4-day itinerary for Seoul", "that's too packed, can we do less?") == (
        4,
        True,
    )


def test_a_plan_asked_again_keeps_the_thread_days_unless_new_ones_are_said() -> None:
    assert plan("帮我规划四天的成都行程", "重新帮我排一下行程吧")[0] == 4
    assert plan("帮我规划四天的成都行程", "重新帮我排一下行程吧，两天就够了")[0] == 2
