"""A rain, heat or indoor ask gets the destination's indoor highlights (the KB's `indoor`), a
named day of a KB plan re-planned with them, or plainly that the KB marks none; a weather,
packing or health turn that only names the rain is no such ask (rainy_day_rule_2026-12-06f.md).
Phrasings written for these tests, after the change."""

from __future__ import annotations

import pytest

from agents.highlights import sights
from agents.interests import asked_interests
from agents.kb_led import kb_led_answer
from agents.knowledge import Destination, load_kb


def answer(*turns: str):
    return kb_led_answer("itinerary", list(turns), plans_from_kb=True)


def _indoor(destination: Destination) -> list[str]:
    return [s.text for s in sights(destination, "en") if s.indoor]


def _place(name: str) -> Destination:
    return load_kb().find(name)[0]


def test_the_indoor_marks_are_conservative() -> None:
    """Museums, covered markets, caves: never a temple, a tower, a park or a street."""
    marked = [t for d in load_kb().destinations.values() for t in _indoor(d)]
    assert marked
    for text in marked:
        assert not any(w in text for w in ("Temple", "Shrine", "Tower", "Park", "Street"))
    assert _indoor(_place("Suzhou")) == []
    assert _indoor(_place("Bangkok")) == []
    assert _indoor(_place("Paris")) == ["Louvre (timed booking; closed Tuesdays)", "Musée d'Orsay"]


@pytest.mark.parametrize(
    "question",
    [
        "要是后天下暴雨，有什么好去处",
        "Where can we go in Nanjing if it's pouring?",
        "雨天有备选方案吗",
        "带孩子，下雨天能去哪些室内博物馆",  # read alone beside kids and museums
        "heatwave next week in Rome, what can we do?",
    ],
)
def test_a_rain_or_indoor_ask_is_read(question: str) -> None:
    assert asked_interests(question) == ("indoor",)


@pytest.mark.parametrize(
    "question",
    [
        "上海梅雨季潮不潮",
        "should I bring a raincoat to Osaka?",
        "被雨淋透了，现在有点发烧",
        "does it rain much in Lijiang in July?",
        "下暴雨航班延误了，酒店能免费取消吗",
    ],
)
def test_rain_told_or_asked_about_is_no_indoor_ask(question: str) -> None:
    assert "indoor" not in asked_interests(question)


def test_a_named_rainy_day_of_a_plan_gets_the_indoor_sights() -> None:
    got = answer("伦敦三天怎么玩", "第二天下大雨的话怎么办")
    assert got is not None
    assert got.kind == "day_plan"
    head, plan = got.text.split("\n\n", 1)
    assert "第2天如果下雨" in head
    day_2 = plan.split("**第2天**")[1].split("**第3天**")[0]
    assert "大英博物馆" in day_2
    assert "国家美术馆" in day_2
    assert "- 威斯敏斯特宫与大本钟" not in day_2


def test_a_day_that_holds_the_indoor_sights_already_is_kept() -> None:
    got = answer("三天巴黎行程帮我排一下", "第二天要是下雨，能换成室内的吗")
    assert got is not None
    assert got.kind == "day_plan"
    assert got.text.startswith("第2天的卢浮宫（需预约时段，周二闭馆）、奥赛博物馆在室内")


def test_moving_that_would_overload_a_day_swaps_the_days_instead() -> None:
    got = answer("Osaka two days please", "if it is raining on day 2, what then?")
    assert got is not None
    assert got.kind == "day_plan"
    assert "swaps with day 1" in got.text
    day_1 = got.text.split("**Day 1**")[1].split("**Day 2**")[0]
    assert "Universal Studios Japan" in day_1
    assert "Dotonbori" not in day_1
    day_2 = got.text.split("**Day 2**")[1]
    assert "Kuromon Market" in day_2


def test_where_the_kb_marks_none_it_says_so_and_invents_nothing() -> None:
    got = answer("帮我排苏州两天", "万一第一天下雨怎么办")
    assert got is not None
    assert got.kind == "plan_gap"
    assert "没有一个是整段参观都在室内" in got.text
    first = answer("悉尼下雨天去哪")
    assert first is not None
    assert "没有一个属于“下雨或太热太冷时能去的室内景点”" in first.text


def test_a_rain_follow_up_naming_no_day_lists_the_indoor_sights() -> None:
    got = answer("Plan 2 days in New York", "what if it's raining?")
    assert got is not None
    assert got.kind == "sights_list"
    assert "tell me which day" in got.text
    assert "1. Metropolitan Museum of Art" in got.text
