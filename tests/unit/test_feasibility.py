"""Yes/no feasibility asks get the KB's yes/no, or plainly none; never a bare sight list (r7 class).

Phrasings written for these tests, not evaluation items. The planted bugs they catch: a yes/no
ask answered with the KB's sight list or a day plan, and a verdict given without a KB fact.
"""

from __future__ import annotations

import pytest

from agents.feasibility import feasibility_answer, sights_named
from agents.feasibility_ask import asks_feasibility
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb
from agents.registry import EXPERTS


@pytest.mark.parametrize(
    "question",
    [
        "从成都到九寨沟能当天来回吗？",
        "西安两天够不够？",
        "Could we squeeze Kyoto into a day trip from Osaka?",
        "Is two days enough for Chengdu?",
        "宽窄巷子和人民公园一天逛得完吗",
    ],
)
def test_yes_no_feasibility_asks_are_read(question: str) -> None:
    assert asks_feasibility(question)


@pytest.mark.parametrize(
    "question",
    [
        "Plan a day trip from Beijing to the Great Wall",
        "成都有什么好玩的",
        "推荐三个西安的景点",
        "帮我安排一个杭州一日游",
    ],
)
def test_plans_and_lists_are_not_feasibility_asks(question: str) -> None:
    assert not asks_feasibility(question)


def _itinerary(question: str) -> str | None:
    found = kb_led_answer("itinerary", [question], plans_from_kb=True)
    return None if found is None else found.text


def test_a_far_day_trip_gets_no_from_the_route_time() -> None:
    text = _itinerary("从成都到九寨沟能当天来回吗？")
    assert text is not None
    assert "不现实" in text
    assert "8-10" in text
    assert "五花海" not in text  # not the destination's sight list


def test_a_near_day_trip_gets_yes_from_the_route_time() -> None:
    found = feasibility_answer("从重庆去成都当天来回来得及吗？", load_kb().find("重庆 成都"))
    assert found is not None
    assert "来得及" in found.text
    assert "1-1.5" in found.text


def test_a_whole_day_sight_with_another_does_not_fit_one_day() -> None:
    text = _itinerary(
        "Can I do the Leshan Giant Buddha and the Panda Base in one day from Chengdu?"
    )
    assert text is not None
    assert "Not in one day" in text
    assert "whole day" in text


def test_sights_in_one_area_fit_one_day_in_two_areas_are_busy() -> None:
    same = _itinerary("Can I do Kuanzhai Alley and People's Park in Chengdu in one day?")
    apart = _itinerary("成都杜甫草堂和宽窄巷子一天能逛完吗？")
    assert same is not None
    assert "Yes, one day works" in same
    assert "same area" in same
    assert apart is not None
    assert "比较赶" in apart


def test_too_few_days_are_read_against_the_suggested_days() -> None:
    text = _itinerary("Is one day enough for Chengdu?")
    assert text is not None
    assert "tight" in text
    assert "3-4" in text  # the KB's suggested_days


def test_the_kb_cannot_tell_so_it_says_so_without_days() -> None:
    """Until 2026-12-04n the model answered these; it answered a Seoul-Busan day trip with
    nonsense (served p3; evals/travel/results/feasibility_unknown_rule_2026-12-04n.md)."""
    question = "Can I see Paris and London in one day?"  # no route time in the KB
    text = _itinerary(question)
    assert text is not None
    assert "can't tell" in text
    assert EXPERTS["itinerary"].day_plan([question]) == ()


def test_one_recognised_ordinary_sight_is_no_verdict() -> None:
    # "熊猫基地" is not the KB's wording: the answer must not be judged on 武侯祠 alone
    # (no day trip: when the KB cannot judge it, the model answers, as before 2026-12-04n)
    assert _itinerary("成都熊猫基地和武侯祠一天能逛完吗？") is None


@pytest.mark.parametrize(
    ("question", "says"),
    [
        # was 济州岛 until Jeju joined the KB (kb_destinations_rule_2026-12-06g)
        ("人在首尔，想去釜山当天来回，来得及吗", "知识库判断不了"),
        ("staying in Bangkok, is a day trip to Kanchanaburi doable?", "can't tell"),
        pytest.param(
            "从西安去壶口瀑布一天来回够不够",
            "知识库判断不了",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known miss (2026-12-04n): 够不够 is read "
                "as 'is one day enough for Xi'an' (its suggested days)",
            ),
        ),
    ],
)
def test_a_day_trip_the_kb_cannot_judge_gets_no_verdict_and_no_model(
    question: str, says: str
) -> None:
    """Phrasings written after the change: plainly no verdict, how to judge it, never the model."""
    found = kb_led_answer("itinerary", [question], plans_from_kb=True)
    assert found is not None
    assert found.kind == "feasibility_unknown"
    assert says in found.text


def test_transport_day_trip_with_a_kb_sight_answers_yes_no() -> None:
    found = kb_led_answer("transport", ["从成都去乐山大佛当天来回来得及吗？"])
    assert found is not None
    assert found.kind == "feasibility"
    assert "一整天" in found.text


def test_sights_are_matched_by_their_name_pieces() -> None:
    beijing = load_kb().get("beijing")
    assert beijing is not None
    named = sights_named("the Forbidden City and the Great Wall", beijing, "en")
    assert len(named) == 2


@pytest.mark.parametrize(
    ("question", "days"),
    [
        # an open "how long to stay" ask gets the KB's suggested days first
        # (days_needed_rule_2026-12-05.md; phrasings written after the change)
        ("第一次去厦门，建议待几天？", "厦门"),
        ("重庆应该留多少天比较好", "重庆"),
        ("How many nights would you give Hanoi?", "Hanoi"),
        ("how long do we need in Bangkok, first time there", "Bangkok"),
    ],
)
def test_how_many_days_is_answered_with_the_kb_s_suggested_days(question: str, days: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    first = answer.text.splitlines()[0]
    assert days in first
    suggested = load_kb().find(question)[0].data["suggested_days"]
    assert f"{suggested}" in first


@pytest.mark.parametrize(
    "question",
    [
        "下个月去厦门玩几天，有什么推荐的景点",  # "for a few days": no question about the length
        "how many days until the lantern festival in Chiang Mai?",
        "we'll spend three days in Chongqing, what should we see",
        "how long should we queue at the Peak Tram in Hong Kong?",
    ],
)
def test_a_stay_not_asked_about_gets_no_days_line(question: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    text = answer.text if answer is not None else ""
    assert "**玩几天**" not in text
    assert "**How many days**" not in text
