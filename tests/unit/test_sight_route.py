"""A way to one named KB sight gets what the KB holds on reaching it, or a plain gap, never the
city's getting-there line; a route between two cities and an airport ask keep theirs
(sight_route_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def transport(question: str) -> str:
    answer = kb_led_answer("transport", [question], True)
    assert answer is not None
    return answer.text


@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("what's the simplest way to the Terracotta Army from our hotel in Xi'an?", "Metro Line 9"),
        ("昆明怎么去石林比较省事", "石林西"),
        ("九份从台北坐什么过去", "瑞芳"),
    ],
)
def test_the_kb_way_to_a_named_sight_leads(question: str, held: str) -> None:
    text = transport(question)
    assert held in text
    assert "Getting there" not in text
    assert "怎么去**" not in text


@pytest.mark.parametrize(
    ("question", "sight", "city_line"),
    [
        ("how long to get to the Eiffel Tower from our Airbnb in Paris?", "Eiffel Tower", "RER"),
        ("首尔市区去景福宫怎么走", "景福宫", "T-money"),
    ],
)
def test_a_sight_whose_way_the_kb_lacks_gets_the_plain_gap(
    question: str, sight: str, city_line: str
) -> None:
    text = transport(question)
    assert sight in text
    assert "no vetted route" in text or "没有核实过的路线" in text
    assert city_line in text  # the city's getting-around line beside it
    assert "Getting there" not in text
    assert "怎么去**" not in text


@pytest.mark.parametrize(
    "question",
    [
        "从广州坐高铁去深圳要多久",
        "how do I get from Osaka to Kyoto?",
        "从浦东机场去迪士尼怎么走",
    ],
)
def test_two_cities_or_an_airport_keep_the_getting_there_line(question: str) -> None:
    text = transport(question)
    assert "Getting there" in text or "怎么去" in text
