""" "Do I need to see a doctor?" is answered head-on from the card's own see-a-doctor lines, on
top of a first answer (not repeated below) and as the whole of a follow-up
(doctor_ask_rule_2026-12-05.md; served read 24 h19 "那需要看医生吗" after a dog bite got "the
guidance doesn't say"). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import DOCTOR, card_asks
from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import after_card, answer

KB = load_conditions()
LABEL = {"zh": "**你问到的要不要看医生**", "en": "**You asked about whether to see a doctor**"}
SECTION = {"zh": "**这些情况请看医生**", "en": "**See a doctor if**"}


@pytest.mark.parametrize(
    "question",
    [
        "要不要找医生看看？",
        "我是不是得去趟医院",
        "should my wife get this looked at by a doctor?",
        "do we have to go to a clinic for this?",
    ],
)
def test_asking_whether_to_see_a_doctor_is_read_as_the_ask(question: str) -> None:
    assert DOCTOR in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "上周看过医生了，开了药膏，现在好多了",
        "the clinic gave me a cream for it yesterday",
        "医生说是湿疹，能游泳吗",
    ],
)
def test_a_doctor_told_not_asked_is_no_such_ask(question: str) -> None:
    assert DOCTOR not in card_asks().found(question)


@pytest.mark.parametrize(
    ("card", "question", "lang"),
    [
        ("tinea_corporis", "胳膊上一个红圈圈，边上有点脱皮，我是不是得去趟医院", "zh"),
        ("sunburn", "burnt my back on the ferry deck, red and sore, should I see a GP?", "en"),
    ],
)
def test_a_first_answer_leads_with_the_cards_see_a_doctor_lines(
    card: str, question: str, lang: str
) -> None:
    text = str(answer(question, [(card, 1.0)]).text)
    first_reason = KB.get(card).see_doctor[lang][0]
    line = text.index(LABEL[lang])
    care = "**可以这样做**" if lang == "zh" else "**What you can do**"
    assert line < text.index(first_reason) < text.index(care)
    assert text.count(first_reason) == 1
    assert SECTION[lang] not in text


def test_a_follow_up_asking_for_a_doctor_quotes_the_card_just_given() -> None:
    got = after_card("在巴厘岛被猴子抓了一下，有点出血", "animal_bite_scratch", "用得着去医院吗")
    assert got.kind == "asked"
    assert KB.get("animal_bite_scratch").see_doctor["zh"][0] in str(got.text)


def test_an_emergency_card_keeps_call_now_and_adds_no_doctor_line() -> None:
    text = str(
        answer(
            "throat is closing up after a wasp sting, do I need a hospital?", [("anaphylaxis", 1.0)]
        ).text
    )
    assert LABEL["en"] not in text


def test_an_unsure_list_says_which_one_decides() -> None:
    got = answer(
        "red itchy patches on my shin, should I see a doctor?",
        [("eczema", 1.0), ("tinea_corporis", 0.98), ("contact_dermatitis", 0.97)],
    )
    assert got.kind == "unsure"
    assert card_asks().texts["en"]["doctor_unsure"] in str(got.text)
