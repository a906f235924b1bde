""" "Is it serious?" is answered with when it needs a doctor: the card's own see-a-doctor lines on
top of a first answer (not repeated below) and as a follow-up's answer; a list of candidates adds
nothing to its "until you know" (serious_ask_rule_2026-12-05.md; served read 25 r1 "…越来越红还流
黄水，要紧吗？" had its answer at the bottom). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED
from agents.card_asks import card_asks
from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import answer

KB = load_conditions()
SERIOUS = "serious"
LABEL = {"zh": "**你问到的要不要紧**", "en": "**You asked about how serious it is**"}
SECTION = {"zh": "**这些情况请看医生**", "en": "**See a doctor if**"}


@pytest.mark.parametrize(
    "question",
    [
        "手肘这块癣严不严重啊",
        "这样算严重吗",
        "is this something to worry about?",
        "how bad is this rash",
    ],
)
def test_asking_how_serious_it_is_is_the_ask(question: str) -> None:
    assert SERIOUS in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "后背晒得很严重，脱了好几层皮",
        "is it safe to hike with these blisters?",
        "is it dangerous to use tiger balm on a baby?",
        "the itching is really bad at night",
    ],
)
def test_a_severity_told_or_an_action_asked_about_is_no_such_ask(question: str) -> None:
    assert SERIOUS not in card_asks().found(question)


@pytest.mark.parametrize(
    ("card", "question", "lang"),
    [
        ("impetigo", "孩子鼻子下面结了黄色的痂，一片一片的，要不要紧？", "zh"),
        (
            "chilblains",
            "my toes went purple and itchy after skiing in Niseko, should I be worried?",
            "en",
        ),
    ],
)
def test_a_first_answer_leads_with_the_cards_see_a_doctor_lines(
    card: str, question: str, lang: str
) -> None:
    text = str(answer(question, [(card, 1.0)]).text)
    first_reason = KB.get(card).see_doctor[lang][0]
    care = "**可以这样做**" if lang == "zh" else "**What you can do**"
    assert text.index(LABEL[lang]) < text.index(first_reason) < text.index(care)
    assert text.count(first_reason) == 1
    assert SECTION[lang] not in text


def test_a_follow_up_asking_how_serious_quotes_the_card_just_given() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["scabies"]})
    thread = [HumanMessage("手指缝里好多小红点，晚上痒得睡不着，同屋的人也痒"), earlier]
    got = answer("这个问题大不大？", [("scabies", 1.0)], thread)
    assert got.kind == "asked"
    assert KB.get("scabies").see_doctor["zh"][0] in str(got.text)


def test_a_list_of_candidates_gets_no_extra_line() -> None:
    got = answer("arms covered in little itchy bumps, is it serious?", [
        ("insect_bites", 1.0), ("heat_rash", 1.0)])  # fmt: skip
    assert got.kind == "unsure"
    assert "how serious" not in str(got.text)
    assert "whether to see a doctor" not in str(got.text)
