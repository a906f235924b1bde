"""A country or province trip splits its days over the region's KB cities by what each holds,
a city's days are not padded one sight a day, and a follow-up on a region plan stays on the
region (country_plans_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.highlights import Sight, sights
from agents.itinerary_ask import read_ask
from agents.kb_led import kb_led_answer
from agents.kb_plan import EASY_SIGHTS_PER_DAY, SIGHTS_PER_DAY, KbPlan, Stay, region_plan
from agents.knowledge import CJK, Lang, load_kb
from agents.knowledge.regions import region_asked
from agents.region_days import CityDays, balanced_shares, region_shares
from tests.unit.kb_plan_helpers import plan_for


def _padded(stay: Stay, per_day: int) -> list[int]:
    """Days with one daytime sight whose area has another day with room for it."""
    out = []
    for day in stay.days:
        if len(day.sights) != 1 or day.sights[0].whole_day:
            continue
        area = day.sights[0].area
        if any(
            other is not day
            and other.sights
            and not any(s.whole_day for s in other.sights)
            and area in {s.area for s in other.sights}
            and len(other.sights) < per_day
            for other in stay.days
        ):
            out.append(day.day)
    return out


def _region(question: str) -> KbPlan:
    region = region_asked(question)
    assert region is not None
    lang: Lang = "zh" if CJK.search(question) else "en"
    plan, _ = region_plan(region, read_ask(question), question, lang)
    return plan


def test_cities_come_in_route_order_while_their_least_days_fit() -> None:
    # 7 days: 2 + 3 fit, the third city gets the two days left
    cities = [CityDays(4, 2), CityDays(3, 3), CityDays(3, 3), CityDays(3, 3)]
    assert region_shares(cities, 7) == [2, 3, 2]
    # a single day left goes to the city with the most still to fill, not to a new city
    assert region_shares([CityDays(5, 3), CityDays(2, 3), CityDays(4, 4)], 6) == [4, 2]


def test_days_beyond_every_citys_need_stay_with_the_last_city() -> None:
    shares = region_shares([CityDays(3, 4), CityDays(5, 2), CityDays(3, 2)], 14)
    assert shares == [3, 5, 6]
    assert region_shares([CityDays(3, 4), CityDays(5, 2)], 2) == [2]


def test_named_cities_days_go_where_there_are_sights_and_empty_days_come_last() -> None:
    assert balanced_shares([5, 5], [3, 6]) == [3, 7]
    assert balanced_shares([4, 4], [2, 3]) == [2, 6]
    assert balanced_shares([3, 3], [4, 5]) == [3, 3]
    plan = plan_for("曼谷加清迈，一共十天，帮我排")
    assert [s.spare for s in plan.stays[:-1]] == [0]


def test_a_third_named_city_is_planned() -> None:
    plan = plan_for("Shanghai, Hangzhou and Suzhou in 12 days - how to split it?")
    assert len(plan.stays) == 3


@pytest.mark.parametrize(
    "question",
    ["罗马待十天，怎么安排", "东京住六天，行程帮我排", "a slow 6 days in Kyoto with my parents",
     "Bangkok for 8 days, plan it"],
)  # fmt: skip
def test_a_citys_spare_days_are_not_filled_one_sight_at_a_time(question: str) -> None:
    plan = plan_for(question)
    per_day = EASY_SIGHTS_PER_DAY if plan.easy else SIGHTS_PER_DAY
    for stay in plan.stays:
        assert _padded(stay, per_day) == []
    assert sum(s.spare for s in plan.stays) > 0  # said empty, not padded


@pytest.mark.parametrize(
    ("question", "least"),
    [("两个礼拜的泰国行程怎么排", 3), ("云南待六天", 2), ("ten days around Japan", 3)],
)
def test_a_region_trip_uses_its_cities_by_what_they_hold(question: str, least: int) -> None:
    plan = _region(question)
    assert len(plan.stays) >= least
    assert sum(len(s.days) + s.spare for s in plan.stays) == plan.total_days
    # only the last city may have days the KB cannot fill
    assert all(s.spare == 0 for s in plan.stays[:-1])
    kb = load_kb()
    for stay in plan.stays:
        own: list[Sight] = sights(kb.destinations[stay.destination.id], plan.lang)
        assert all(s in own for d in stay.days for s in d.sights)


def test_a_follow_up_on_a_region_plan_stays_on_the_region() -> None:
    thread = ["打算去云南转转", "帮我排个六天的行程"]
    answer = kb_led_answer("itinerary", thread, True)
    assert answer is not None
    assert len(answer.destinations) >= 2


def test_a_day_of_a_region_plan_is_changed_in_its_own_city() -> None:
    asked = "日本走一圈，八天"
    plan = _region(asked)
    osaka = next(s for s in plan.stays if s.destination.id == "osaka")
    day = osaka.first_day
    answer = kb_led_answer("itinerary", [asked, f"第{day}天换成大阪城公园"], True)
    assert answer is not None
    assert set(answer.destinations) == {s.destination.id for s in plan.stays}
    block = answer.text.split(f"**第{day}天")[1].split("**第")[0]
    assert "大阪城公园" in block
    # a sight of another city of the plan: said where it is, the plan kept
    other = kb_led_answer("itinerary", [asked, f"第{day}天换成金阁寺"], True)
    assert other is not None
    assert "金阁寺在京都" in other.text.splitlines()[0]
