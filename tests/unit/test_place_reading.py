"""Which places a travel turn names (place_reading_rule_2026-12-05.md): a city beside another city
whose sight carries its name is still named ("上海和南京" had Shanghai alone: 南京路步行街), and a
holiday, season or duration after a place pattern's "in/at/在/去" is a time, not a place the KB
lacks ("no vetted information on New Year / 两天"). Phrasings written after the change, none
taken from an evaluation file."""

from __future__ import annotations

import pytest

from agents.kb_gap import named_place
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("南京玩两天再去上海玩三天", ["nanjing", "shanghai"]),
        ("Five days split between Nanjing and Shanghai?", ["nanjing", "shanghai"]),
        ("北京三天、广州两天怎么走", ["beijing", "guangzhou"]),
        ("Dali first, then Beijing for a week", ["dali", "beijing"]),
    ],
)
def test_a_city_beside_a_sight_of_its_name_is_named(question: str, ids: list[str]) -> None:
    assert [d.id for d in load_kb().find(question)] == ids


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("住在南京路步行街附近，上海第一次去", ["shanghai"]),
        ("Guangzhou: is Beijing Road worth an evening?", ["guangzhou"]),
        ("去台北看故宫要预约吗", ["taipei"]),
    ],
)
def test_the_sight_written_with_its_city_names_that_city_only(
    question: str, ids: list[str]
) -> None:
    assert [d.id for d in load_kb().find(question)] == ids


def test_a_plan_for_two_cities_names_both() -> None:
    answer = kb_led_answer("itinerary", ["上海两天南京两天怎么排"], True)
    assert answer is not None
    heading = answer.text.splitlines()[0]
    assert "上海" in heading
    assert "南京" in heading


@pytest.mark.parametrize(
    "question",
    [
        "is the ferry running at Christmas Eve?",
        "what's the weather like around Lunar New Year?",
        "cheap flights to anywhere at Easter?",
        "can we still dive in Monsoon Season?",
        "在中秋节期间出游人多吗",
        "到暑假的时候带娃去哪里",
        "想去三天玩，哪里合适",
        "能去两日游的地方有哪些",
        "四天值得去哪",
        "一个月住哪里便宜",
        "三天两夜住哪里好",
    ],
)
def test_a_holiday_season_or_duration_is_no_place(question: str) -> None:
    assert named_place(question) is None


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("flights to Christmas Island from Perth?", "Christmas Island"),
        ("visiting Cape May in summer, where to eat?", "Cape May"),
        ("去圣诞岛玩要什么签证", "圣诞岛"),
        ("去七台河玩两天有什么好吃的", "七台河"),
        ("去六盘水玩三天住哪里", "六盘水"),
    ],
)
def test_a_place_named_like_a_time_is_still_named(question: str, place: str) -> None:
    assert named_place(question) == place


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        # a country written with one of its own cities is where that city is
        # (country_and_city_rule_2026-12-05.md; phrasings written after the change)
        ("想在泰国普吉岛潜水，哪里的海最清", ["phuket"]),
        ("日本京都穿和服拍照去哪条街好", ["kyoto"]),
        ("泰国清迈十一月会下雨吗", ["chiang_mai"]),
        ("泰国玩一周，清迈和曼谷都想去", ["bangkok", "chiang_mai"]),
        # controls: a country alone, or with another country's city, keeps its entry
        ("韩国冬天冷不冷", ["seoul"]),
        ("从泰国飞东京要多久", ["bangkok", "tokyo"]),
    ],
)
def test_a_country_written_with_its_own_city_is_that_city(question: str, ids: list[str]) -> None:
    assert [d.id for d in load_kb().find(question)] == ids


def test_the_food_answer_is_about_the_city_not_the_country_s_first_entry() -> None:
    answer = kb_led_answer("food_culture", ["去日本京都吃什么好"])
    assert answer is not None
    assert answer.text.startswith("京都")
    assert "东京" not in answer.text
