"""The KB-led day plan: every fact traceable to a KB field, days as asked, no sight twice, tiring
sights a day alone or left out for easy-going asks, unfilled days said, never invented.

Phrasings here were written for these tests, none taken from an evaluation split.
"""

from __future__ import annotations

import re

import pytest

from agents.highlights import sights
from agents.itinerary_ask import read_ask
from agents.kb_led import kb_led_answer
from agents.kb_plan import (
    EASY_SIGHTS_PER_DAY,
    SIGHTS_PER_DAY,
    KbPlan,
    kb_plan_answer,
    render,
)
from agents.knowledge import CJK, Destination, Lang
from agents.registry import EXPERTS
from tests.unit.kb_plan_helpers import dest, plan_for


def _plan(question: str) -> KbPlan:
    return plan_for(question, asked_sights=False)


def _kb_texts(destination: Destination, field: str, lang: Lang) -> list[str]:
    if field in ("demanding", "areas"):
        return [str(d[lang]) for d in destination.data.get(field, [])]
    value = destination.data[field][lang]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


QUESTIONS = [
    "帮我排一个四天的成都行程",
    "Plan three days in Beijing for us",
    "西安玩一天怎么安排",
    "Plan 8 days in Lhasa with my grandparents",
    "杭州和苏州一共四天，怎么安排",
    "Plan a 5-day Seoul and Tokyo trip",
    "带孩子去三亚玩三天，行程怎么排",
    "杭州玩六天，每天怎么安排",  # a spare day made a day trip (spare_day_trip_rule_2026-12-06g)
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_fact_is_a_kb_field_as_it_stands(question: str) -> None:
    plan = _plan(question)
    facts = plan.facts()
    assert facts
    for fact in facts:
        destination = dest(fact.destination)
        if fact.field == "getting_there":
            assert fact.text in _kb_texts(destination, fact.field, plan.lang)[0]
        else:
            assert fact.text in _kb_texts(destination, fact.field, plan.lang), fact


@pytest.mark.parametrize("question", QUESTIONS)
def test_days_as_asked_no_sight_twice_nothing_silently_dropped(question: str) -> None:
    plan = _plan(question)
    asked = read_ask(question).days
    assert plan.total_days == asked
    planned = sum(len(s.days) + len(s.trips) + s.spare for s in plan.stays)
    assert planned == asked
    for stay in plan.stays:
        on_days = [s.text for d in stay.days for s in (*d.sights, *filter(None, [d.evening]))]
        assert len(on_days) == len(set(on_days))
        named = (*stay.no_room, *stay.left_out, *stay.refused, *stay.dated)
        assert not set(on_days) & {s.text for s in named}
        accounted = {*on_days, *(s.text for s in named)}
        assert accounted == {s.text for s in sights(stay.destination, plan.lang)}
        numbers = [d.day for d in stay.days]
        assert numbers == list(range(stay.first_day, stay.first_day + len(stay.days)))


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_whole_day_sight_shares_its_day_only_with_its_own_area_and_days_are_not_overfull(
    question: str,
) -> None:
    plan = _plan(question)
    cap = EASY_SIGHTS_PER_DAY if plan.easy else SIGHTS_PER_DAY
    for stay in plan.stays:
        for day in stay.days:
            assert 1 <= len(day.sights) <= cap
            whole = [s for s in day.sights if s.whole_day]
            assert len(whole) <= 1
            if whole:
                assert {s.area for s in day.sights} == {whole[0].area}


def test_an_easy_plan_leaves_out_what_is_tiring_and_says_why() -> None:
    question = "带爸妈去西安玩三天，不要太累"
    answer = kb_plan_answer(read_ask(question), [question])
    days_part = answer.text.split("**没有排进去**")[0]
    assert "华山" not in days_part
    assert "华山山路陡峭" in answer.text


def test_a_plan_that_is_not_easy_keeps_the_tiring_sight_and_its_reason() -> None:
    text = render(_plan("帮我排四天西安行程"))
    assert "华山" in text
    assert "体力提示：华山山路陡峭" in text


def test_days_beyond_the_kb_are_said_in_one_line_not_invented() -> None:
    plan = _plan("Plan 12 days in Kyoto please")
    text = render(plan)
    stay = plan.stays[0]
    filled = len(stay.days) + len(stay.trips)  # a day trip to Osaka takes one spare day
    assert stay.spare == 12 - filled > 1
    assert text.count("no more sights for Kyoto") == 1
    assert f"Days {filled + 1}-12" in text


def test_two_destinations_get_the_leg_between_them_from_the_kb() -> None:
    plan = _plan("北京和西安一共六天")
    second = plan.stays[1].days[0]
    assert second.route is not None
    assert "北京约4.5-6小时" in second.route.text
    assert "从北京到西安" in render(plan)


def test_a_destination_the_kb_lacks_gets_no_invented_plan() -> None:
    answer = kb_plan_answer(read_ask("帮我规划三天的冰岛行程"), ["帮我规划三天的冰岛行程"])
    assert answer.kind == "no_destination"
    assert "第1天" not in answer.text


def test_a_follow_up_plan_ask_finds_its_destination_in_the_thread() -> None:
    thread = ["成都有什么好玩的", "那就帮我安排两天吧"]
    answer = kb_plan_answer(read_ask(thread[-1]), thread)
    assert answer.kind == "day_plan"
    assert answer.destinations == ("chengdu",)


@pytest.mark.parametrize(
    ("question", "lang"),
    [("Plan four days in Bangkok", "en"), ("曼谷四天行程怎么排", "zh")],
)
def test_the_plan_is_in_the_question_language(question: str, lang: Lang) -> None:
    text = kb_plan_answer(read_ask(question), [question]).text
    assert bool(CJK.search(text)) == (lang == "zh")


def test_no_numbers_beyond_the_kb_and_the_day_numbers() -> None:
    question = "Plan a 5-day Seoul and Tokyo trip"
    plan = _plan(question)
    text = render(plan)
    kb_text = " ".join(str(s.destination.data) for s in plan.stays) + question
    for value in re.findall(r"\d+(?:[.-]\d+)*", text):
        assert value in kb_text or int(value.split("-")[0]) <= plan.total_days, value


def test_the_itinerary_expert_answers_plan_asks_from_the_kb() -> None:
    itinerary = EXPERTS["itinerary"]
    assert itinerary.kb_plans
    answer = kb_led_answer("itinerary", ["Plan two days in Hong Kong"], itinerary.kb_plans)
    assert answer is not None
    assert answer.kind == "day_plan"
    # A revision of one day naming a KB sight is rebuilt from the KB (test_day_revision.py);
    # naming nothing the KB holds, the model rewrites the day.
    revised = kb_led_answer("itinerary", ["第二天换成迪士尼"], itinerary.kb_plans)
    assert revised is not None
    assert revised.kind == "day_plan"
    assert kb_led_answer("itinerary", ["第二天想去逛街购物，杭州"], itinerary.kb_plans) is None
    # Without KB plans a plan ask is not scripted (the model writes the days).
    assert kb_led_answer("itinerary", ["Plan two days in Hong Kong"], False) is None
