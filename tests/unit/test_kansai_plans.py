"""关西 / Kansai is planned over the KB's Kyoto and Osaka, and the leg between two planned cities
is never an airport's line (kansai_rule_2026-12-06.md: Kyoto's "关西机场（KIX）乘Haruka特急约75分钟"
was shown as the way from Kyoto to Osaka). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.knowledge import has_word, load_kb, text_lang
from agents.knowledge.regions import region_asked

AIRPORT_LINE = ("Haruka", "KIX", "关西机场", "Kansai Airport")


@pytest.mark.parametrize(
    "question",
    [
        "关西五日游怎么玩",
        "下个月去关西地区六天，帮忙排个行程",
        "5 days around Kansai, what's the plan?",
    ],
)
def test_a_kansai_trip_is_planned_over_kyoto_and_osaka(question: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    assert answer.destinations[:2] == ("kyoto", "osaka")


@pytest.mark.parametrize(
    "question",
    ["先京都后大阪，一共四天", "Kyoto then Osaka, 5 days in total", "日本九天：东京、京都、大阪"],
)
def test_the_kyoto_osaka_leg_is_the_train_not_the_airport_express(question: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    legs = [line for line in answer.text.splitlines() if "大阪" in line or "Osaka" in line]
    leg = [line for line in legs if line.startswith(("- 从京都到大阪", "- From Kyoto to Osaka"))]
    assert leg, answer.text
    assert not any(word in leg[0] for word in AIRPORT_LINE), leg[0]
    assert "15-45" in leg[0]


def test_kansai_names_osaka_outside_plans_and_a_kansai_city_the_kb_lacks_is_not_the_region() -> (
    None
):
    food = kb_led_answer("food_culture", ["在关西待两天，有什么必吃的"], True)
    assert food is not None
    assert "osaka" in food.destinations
    assert region_asked("关西玩五天，想去神户吃牛肉") is None


def test_an_ask_from_the_airport_still_gets_the_airport_line() -> None:
    answer = kb_led_answer("transport", ["从关西机场去京都坐什么车"], True)
    assert answer is not None
    assert "Haruka" in answer.text


@pytest.mark.parametrize(
    ("question", "cities"),
    [
        ("成都、重庆、西安三个城市，一共七天", ("chengdu", "chongqing", "xian")),
        ("Hanoi, Hoi An and Ho Chi Minh City — 8 days, how to split?", None),
        ("丽江 大理 昆明 六天怎么玩", ("lijiang", "dali", "kunming")),
    ],
)
def test_three_named_cities_are_all_planned_or_the_left_one_is_said(
    question: str, cities: tuple[str, ...] | None
) -> None:
    """Written after the named-city change: a third city named was dropped without a word."""
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    found = [d for d in load_kb().find(question) if has_word([d.name_zh, d.name_en], question)]
    said = [d for d in found if d.id not in answer.destinations]
    for d in said:
        assert d.name(text_lang(question)) in answer.text.split("\n\n")[-1], answer.text
    if cities is not None:
        assert answer.destinations == cities
