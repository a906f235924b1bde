"""The city a traveller sets off from is not where they go: a plan, a food or sights list, a
lodging answer and the facts answer are for the destination; a route keeps both ends, and a
place set aside ("other than X") leaves the start as it was (origin_city_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.origin_city import going, origins


@pytest.mark.parametrize(
    ("text", "start", "goes"),
    [
        ("我们下周从西安出发去成都", "xian", "chengdu"),
        ("Flying out of Singapore to Bali on Monday", "singapore", "bali"),
        ("Seoul, coming from Tokyo - where should we stay?", "tokyo", "seoul"),
        ("厦门出发，去桂林玩几天", "xiamen", "guilin"),
        ("离开曼谷以后去清迈", "bangkok", "chiang_mai"),
    ],
)
def test_the_start_is_read_and_left_out(text: str, start: str, goes: str) -> None:
    assert origins(text) == {start}
    assert [d.id for d in going(text)] == [goes]


@pytest.mark.parametrize(
    "text",
    [
        "I'm from Shanghai, any tips?",  # one city: it stays
        "先在北京玩两天，再从北京去天津",  # named plainly too: a stay, not only a start
        "day trip from Kyoto, besides Osaka?",  # the other is set aside
        "从深圳出发，不去香港，周边有什么好玩的",
        "Osaka and Kyoto in 5 days",
    ],
)
def test_no_start_without_somewhere_else_to_go(text: str) -> None:
    assert origins(text) == set()


def test_a_plan_from_a_start_is_the_destination_only() -> None:
    answer = kb_led_answer("itinerary", ["从广州出发去厦门玩三天，帮我安排"], True)
    assert answer is not None
    assert answer.destinations == ("xiamen",)


def test_food_is_the_destination_s() -> None:
    answer = kb_led_answer("food_culture", ["Leaving Seoul for Tokyo soon, what should I eat?"])
    assert answer is not None
    assert answer.destinations == ("tokyo",)


def test_facts_named_before_their_start_are_the_destination_s() -> None:
    answer = kb_led_answer("practicalities", ["London from Beijing: which currency do I need?"])
    assert answer is not None
    assert "**Currency (London)**" in answer.text


def test_a_route_keeps_both_ends() -> None:
    answer = kb_led_answer("transport", ["从苏州到上海坐高铁多久"])
    assert answer is not None
    assert set(answer.destinations) == {"suzhou", "shanghai"}
