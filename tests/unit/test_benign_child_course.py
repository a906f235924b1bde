"""A feverish or rashy child the parent reassures ("eating normally and laughing", 精神还可以, a
low-grade fever), with no NHS call-999 sign: a net-only alarm on it goes to the urgent-care tier
(graph/triage/urgent.py `tells_benign_child_course`, benign_course.yaml), whatever the net's
emergency score; a call-now sign, a young infant, an adult or a self-harm signal keeps the alarm
(evals/triage/results/h112_benign_child_rule_2026-12-07e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.triage.urgent import tells_benign_child_course
from tests.unit.test_urgent_care import router, scores

BENIGN = [
    "my 3 year old son has a temperature of 38.3 and a few red spots on his hands, but he's "
    "eating normally and laughing",
    "孩子7岁，去完水上乐园有点发烧，手上脚上几个小红点，胃口正常，还在看动画片",
    "daughter is 9 and has a low-grade fever with a rash on her back, she's chatty and watching tv",
    "小朋友4岁，低烧37.9，喝水正常，跟平时一样玩",
]

KEEPS_ALARM = [
    # a call-now sign beside the reassurance
    "my 3 year old son has a temperature of 38.3 and red spots that don't fade when I press a "
    "glass, he's eating normally",
    "孩子7岁，低烧，刚才还在玩，现在叫不醒了",
    "daughter is 9, low-grade fever, chatty earlier but now breathing really fast",
    "小朋友4岁，低烧，精神还行，就是脖子有点硬",
    # a young infant (NICE NG143: under 3 months with a fever is red)
    "2-week-old with a mild temperature, feeding fine",
    "宝宝才两个月大，有点低烧，吃奶正常",
    # not a child
    "low-grade fever and a rash on my back after the hostel, eating fine",
]


@pytest.mark.parametrize("text", BENIGN)
def test_a_benign_child_course_is_read(text: str) -> None:
    assert tells_benign_child_course(text)


@pytest.mark.parametrize("text", KEEPS_ALARM)
def test_a_call_now_sign_an_infant_or_an_adult_is_not(text: str) -> None:
    assert not tells_benign_child_course(text)


@pytest.mark.parametrize("text", BENIGN)
def test_a_confident_nets_alarm_on_it_goes_to_the_urgent_doctor(text: str) -> None:
    # above the tier's emergency ceiling (0.7 here) and below its medical bar: only this reading
    decision = router(("emergency",), scores(0.9, 0.05)).route([HumanMessage(text)])
    assert decision.experts == ("medical",)
    assert decision.urgent


@pytest.mark.parametrize("text", KEEPS_ALARM)
def test_the_alarm_stays_with_a_sign_an_infant_or_an_adult(text: str) -> None:
    decision = router(("emergency",), scores(0.9, 0.05)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


def test_a_self_harm_signal_keeps_the_alarm() -> None:
    decision = router(("emergency",), scores(0.9, 0.05, self_harm=0.3)).route(
        [HumanMessage(BENIGN[0])]
    )
    assert decision.experts == ("emergency",)


# amendment 1: the newest turns of the thread, and a stated adult age
def test_a_child_named_in_an_earlier_turn_counts() -> None:
    earlier = ["travelling in Crete with our son, he's 6"]
    turn = "he's got a low temperature and a few spots on his arms, still playing lego"
    assert tells_benign_child_course(turn, earlier)
    messages = [HumanMessage(earlier[0]), HumanMessage(turn)]
    decision = router(("emergency",), scores(0.9, 0.05)).route(messages)
    assert decision.experts == ("medical",)


@pytest.mark.parametrize(
    ("earlier", "turn"),
    [
        (
            ["my 4 year old went limp in my arms twenty minutes ago"],
            "my 4 year old has a slight fever now, playing",
        ),
        (["女儿5岁，刚才烧得嘴唇发紫"], "女儿现在低烧，精神还行"),
    ],
)
def test_a_call_now_sign_in_an_earlier_turn_keeps_the_alarm(earlier: list[str], turn: str) -> None:
    assert not tells_benign_child_course(turn, earlier)
    messages = [HumanMessage(earlier[0]), HumanMessage(turn)]
    decision = router(("emergency",), scores(0.9, 0.05)).route(messages)
    assert decision.experts == ("emergency",)


@pytest.mark.parametrize(
    "text",
    [
        "my daughter is 41 and has a low fever with a rash on her back, eating fine",
        "儿子30岁了，有点低烧，手上起了几个水泡，胃口还行",
    ],
)
def test_a_stated_adult_age_is_no_child(text: str) -> None:
    assert not tells_benign_child_course(text)
