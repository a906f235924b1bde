"""Day plans by area, whole-day sights on a day of their own, and the pace wish (travel-6).

The KB gives every highlight an `area` (listed in geographic order, `apart` when out of town) and
marks `whole_day` sights (theme parks, day trips, long hikes); the plan keeps a day to one area
unless the days are short, and then joins only neighbouring areas that are not apart. Phrasings
here were written for these tests, none taken from an evaluation split.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

import pytest

import agents.kb_plan as kb_plan
from agents.highlights import WHOLE_DAY_KINDS, KbShapeError, Sight, sights
from agents.itinerary_ask import read_ask
from agents.kb_plan import KbPlan, kb_plan_answer, render
from agents.knowledge import Destination
from agents.pace import wants_easy_pace
from tests.unit.kb_plan_helpers import KB, dest, plan_for


def _plan(question: str) -> KbPlan:
    return plan_for(question)


def area_faults(plan: KbPlan) -> list[str]:
    """Days that break the area rule: several areas on a day while days were free, areas that are
    not neighbours, an out-of-town area sharing a day, a whole-day sight with another area."""
    faults: list[str] = []
    for stay in plan.stays:
        for day in stay.days:
            areas = sorted({s.area.order for s in day.sights})
            name = f"{stay.destination.id} day {day.day}"
            whole = [s for s in day.sights if s.whole_day]
            if whole and len(areas) > 1:
                faults.append(f"{name}: whole-day sight with another area")
            if len(areas) > 1:
                if stay.spare:
                    faults.append(f"{name}: areas joined while {stay.spare} days were free")
                if areas != list(range(areas[0], areas[-1] + 1)):
                    faults.append(f"{name}: areas {areas} are not neighbours")
                if any(s.area.apart for s in day.sights):
                    faults.append(f"{name}: an out-of-town area shares the day")
    return faults


PLANS = [
    "Three days in Shanghai, what should we do each day?",
    "上海玩两天怎么安排",
    "巴厘岛五天行程帮我排一下",
    "Plan 3 days in Bali",
    "Plan four days in Kyoto for a first visit",
    "成都两天怎么玩",
    "北京五天，每天去哪",
    "Give me a day-by-day plan for 2 days in Hong Kong",
    "桂林三天行程",
    "Plan a week in Singapore",
    "London for two days, how would you spend it?",
    "厦门和鼓浪屿三天怎么安排",
]


@pytest.mark.parametrize("question", PLANS)
def test_a_day_keeps_to_one_area_unless_the_days_are_short(question: str) -> None:
    assert area_faults(_plan(question)) == []


def test_the_area_check_catches_a_planner_that_ignores_areas(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Planted bug: runs cut in KB order, areas ignored (the travel-5 planner)."""

    def kb_order_runs(light: Sequence[Sight], per_day: int) -> list[list[Sight]]:
        ordered = sorted(light, key=lambda s: s.kb_order)
        return [ordered[i : i + per_day] for i in range(0, len(ordered), per_day)]

    monkeypatch.setattr(kb_plan, "_area_runs", kb_order_runs)
    faults = [f for q in PLANS for f in area_faults(_plan(q))]
    assert faults


def test_a_theme_park_is_not_put_on_the_day_of_the_water_towns() -> None:
    plan = _plan("Three days in Shanghai, what should we do each day?")
    for day in plan.stays[0].days:
        texts = " ".join(s.text for s in day.sights)
        if "Disneyland" in texts:
            assert len(day.sights) == 1
            assert "A whole day" in render(plan)
        assert not ("Disneyland" in texts and "water towns" in texts)


def test_far_apart_bali_areas_never_share_a_day() -> None:
    for question in ("Plan 3 days in Bali", "巴厘岛五天行程帮我排一下"):
        for day in _plan(question).stays[0].days:
            assert len({s.area for s in day.sights}) == 1, [s.text for s in day.sights]


def test_every_highlight_of_every_destination_has_exactly_one_area() -> None:
    for d in KB.destinations.values():
        for lang in ("zh", "en"):
            found = sights(d, lang)
            assert all(s.area.name for s in found), d.id
            assert all(s.whole_day in (None, *WHOLE_DAY_KINDS) for s in found), d.id
        items = sorted(int(i) for a in d.data["areas"] for i in a["items"])
        assert items == list(range(1, len(d.data["highlights"]["en"]) + 1)), d.id


def test_an_entry_with_a_highlight_missing_from_its_areas_is_refused() -> None:
    broken = copy.deepcopy(dest("hangzhou").data)
    broken["areas"][0]["items"] = []
    with pytest.raises(KbShapeError, match="has no area"):
        sights(Destination("hangzhou", "杭州", "Hangzhou", broken), "zh")


@pytest.mark.parametrize(
    ("text", "easy"),
    [
        ("带我爸去青岛玩两天，他膝盖做过手术", True),
        ("爸妈腿脚不方便，重庆三天怎么排", True),
        ("带个三岁的娃去广州，行程怎么排", True),
        ("想在大理慢慢玩，别排太满", True),
        ("We'll be pushing a stroller around Tokyo for four days", True),
        ("My husband has a bad hip, plan two days in Rome for us", True),
        ("No rush - three lazy days in Phuket", True),
        ("Plan Seoul for us, my wife is pregnant", True),
        ("这次不带孩子，就我们两个，行程可以紧凑点", False),
        ("我们体力很好，不需要轻松的安排，帮我排西安三天", False),
        ("Plan 3 days in Tokyo, no kids, we love long walks", False),
        ("Pack as much as you can into two days in Dubai", False),
    ],
)
def test_a_pace_wish_is_read_the_way_people_say_it(text: str, easy: bool) -> None:
    assert wants_easy_pace(text) is easy
    assert read_ask(text).easy is easy


def test_bad_knees_leave_out_the_climbs_and_every_day_has_a_rest() -> None:
    question = "带我妈去张家界三天，她膝盖不太好"
    plan = _plan(question)
    assert plan.easy
    on_days = [s for day in plan.stays[0].days for s in day.sights]
    assert not any(s.demanding or s.day_trip for s in on_days)
    text = kb_plan_answer(read_ask(question), [question]).text
    for block in text.split("**第")[1:-1]:
        assert "休息" in block
    assert "天门山" in text.split("**没有排进去**")[1]


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("One day in Tokyo? We'd love to see Tsukiji", "Tsukiji"),
        ("北京一天，想去颐和园", "颐和园"),
        ("One day in Paris and I want Versailles", "Versailles"),
        ("桂林两天，想去龙脊梯田看看", "龙脊"),
    ],
)
def test_a_sight_the_question_asks_for_is_planned_when_days_are_short(
    question: str, wanted: str
) -> None:
    plan = _plan(question)
    stay = plan.stays[0]
    assert any(wanted in s.text for d in stay.days for s in d.sights)
    assert stay.no_room  # the days were short: the wish displaced a KB-order sight


def test_a_sight_said_away_is_not_put_first() -> None:
    plan = _plan("北京一天，不去颐和园")
    assert not any("颐和园" in s.text for d in plan.stays[0].days for s in d.sights)


def test_the_days_keep_the_kb_order_of_their_first_sight() -> None:
    for question in PLANS:
        for stay in _plan(question).stays:
            firsts = [min(s.kb_order for s in d.sights) for d in stay.days]
            areas = [d.sights[0].area.order for d in stay.days]
            # an area's days are next to each other
            for a in set(areas):
                where = [i for i, x in enumerate(areas) if x == a]
                assert where == list(range(where[0], where[-1] + 1)), (question, areas)
            assert firsts[0] == min(firsts), (question, firsts)


@pytest.mark.parametrize(
    ("text", "easy"),
    [
        ("Plan 4 days in Seoul with my 72-year-old dad", True),
        ("外婆八十多岁了，带她去苏州两天", True),
        ("Taipei with my mum, she's in her 70s", True),
        ("我们都是二十几岁，西安三天", False),
        ("Plan 3 days in Rome, we're both 30 years old", False),
    ],
)
def test_an_age_said_with_the_trip_is_read_as_a_pace_wish(text: str, easy: bool) -> None:
    assert wants_easy_pace(text) is easy


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("台北三天，想去故宫博物院和101", ["taipei"]),
        ("Four days in Hanoi - is the Opera House worth it?", ["hanoi"]),
        ("北京故宫和台北故宫哪个值得去", ["beijing", "taipei"]),
        ("故宫要提前几天预约", ["beijing"]),
    ],
)
def test_an_alias_inside_another_named_destinations_sight_does_not_add_a_destination(
    text: str, ids: list[str]
) -> None:
    assert [d.id for d in KB.find(text)] == ids
