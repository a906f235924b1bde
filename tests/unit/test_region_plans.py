"""A plan asked by country or province is planned over the KB's cities there, as many as the
days allow, and names the ones left out; a city named, or a place the KB lacks, keeps the ask as
before (region_plans_rule_2026-12-05d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.knowledge.regions import load_regions, region_asked


def planned(question: str) -> tuple[str, str]:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    return answer.kind, answer.text


@pytest.mark.parametrize(
    ("question", "cities", "left_out"),
    [
        # three cities since country_plans_rule_2026-12-05.md (days by what each city holds)
        ("我们打算去云南待八天，行程怎么排", ("昆明", "大理", "丽江"), "西双版纳"),
        ("two weeks in Japan, what's a good day-by-day plan?", ("Tokyo", "Kyoto", "Osaka"), None),
        ("江苏玩四天怎么安排", ("南京", "苏州"), None),
    ],
)
def test_a_region_plan_takes_its_kb_cities(
    question: str, cities: tuple[str, ...], left_out: str | None
) -> None:
    kind, text = planned(question)
    assert kind == "day_plan"
    head = text.splitlines()[0]
    for city in cities:
        assert city in head
    if left_out:
        more = [line for line in text.splitlines() if "还有" in line or "also has" in line]
        assert more
        assert left_out in more[0]


@pytest.mark.parametrize(
    "question",
    ["日本京都四天怎么玩", "想去北海道和日本其他地方玩十天", "去新疆伊犁玩一周怎么安排"],
)
def test_a_named_city_or_a_place_the_kb_lacks_is_no_region_plan(question: str) -> None:
    assert region_asked(question) is None


def test_every_region_holds_two_kb_cities_and_a_short_trip_takes_one() -> None:
    assert all(len(r.places) >= 2 for r in load_regions())
    kind, text = planned("泰国两天怎么玩")
    assert kind == "day_plan"
    assert "清迈" not in text.splitlines()[0]
