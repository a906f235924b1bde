"""Which places a travel turn names (place_reading_rule_2026-12-05.md): a city beside another city
whose sight carries its name is still named ("上海和南京" had Shanghai alone: 南京路步行街).
Phrasings written after the change, none taken from an evaluation file."""

from __future__ import annotations

import pytest

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
