""" "Can I stop the cream?" is answered from the card's own course line, first, and in a follow-up
(stop_treatment_rule_2026-12-05.md); "how long does it last" stays the duration ask."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED
from agents.card_asks import card_asks
from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import answer

KB = load_conditions()


@pytest.mark.parametrize(
    "question",
    [
        "脚气好了，可以停药了吗",
        "还要涂多久？",
        "can I stop using it now?",
        "how long should I keep applying it?",
    ],
)
def test_a_stop_question_is_read_as_one(question: str) -> None:
    asks = card_asks().found(question)
    assert "stop" in asks
    assert "duration" not in asks


def test_how_long_it_lasts_stays_the_duration_ask() -> None:
    assert card_asks().found("how long does a cold sore last?") == ["duration"]


def test_the_card_s_course_line_answers_it_first() -> None:
    got = answer(
        "ringworm faded after a week of clotrimazole, can I stop now?", [("tinea_corporis", 1.0)]
    )
    assert got.text is not None
    stop = KB.get("tinea_corporis").asked["stop"]["en"]
    assert stop in got.text
    assert got.text.index(stop) < got.text.index(KB.get("tinea_corporis").care["en"][0])


def test_a_follow_up_asking_to_stop_is_answered_from_the_card_just_given() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["tinea_pedis"]})
    thread = [HumanMessage("脚上长了脚气，涂什么药"), earlier]
    got = answer("涂了一周好多了，可以停药了吗", [("tinea_pedis", 1.0)], thread)
    assert got.kind == "asked"
    assert got.text is not None
    assert KB.get("tinea_pedis").asked["stop"]["zh"] in got.text


@pytest.mark.parametrize(
    ("card", "first", "then", "said"),
    [
        ("tinea_corporis", "手上起了一圈红斑，中间颜色淡", "会传染给我家狗吗？", "猫狗"),
        (
            "tinea_pedis",
            "itchy peeling skin between my toes",
            "is it catching? we share a shower",
            "flip-flops",
        ),
        (
            "warts",
            "a rough bump on my finger",
            "can my kids catch it from me?",
            "close skin contact",
        ),
    ],
)
def test_a_contagious_follow_up_is_answered_from_the_card(
    card: str, first: str, then: str, said: str
) -> None:
    """Served read 07 y16: "会传染给我家猫吗" after ringworm got "the guidance doesn't say";
    contagious_fungal_rule_2026-12-04d.md."""
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": [card]})
    got = answer(then, [(card, 1.0)], [HumanMessage(first), earlier])
    assert got.kind == "asked"
    assert said in str(got.text)
