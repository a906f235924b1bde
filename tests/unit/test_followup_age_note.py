"""A follow-up quotes the card's age note only when it asks about an age or a pregnancy
(followup_age_note_rule_2026-12-06g.md): naming the product the note limits is not asking about
an age. Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.conditions import load_conditions


def _follow_up(first: str, turn: str) -> str:
    doctor = CardLedDoctor(0.1)
    opening = doctor.answer([HumanMessage(first)], [first])
    thread = [HumanMessage(first), opening.message(), HumanMessage(turn)]
    return str(doctor.answer(thread, [first, turn]).text)


def _age_note(card: str, lang: str) -> str:
    return load_conditions().get(card).min_age_notes[lang]


@pytest.mark.parametrize(
    ("first", "turn", "card", "lang"),
    [
        ("额头和下巴冒了好多痘", "过氧化苯甲酰抹了一周，现在起皮了，是不是不适合我", "acne", "zh"),
        (
            "mosquitoes ate me alive in Krabi, so itchy",
            "how often can I put the hydrocortisone on?",
            "insect_bites",
            "en",
        ),
    ],
)
def test_naming_the_product_is_no_age_question(first: str, turn: str, card: str, lang: str) -> None:
    note_start = _age_note(card, lang).split("；")[0].split(";")[0]
    assert note_start not in _follow_up(first, turn)


def test_an_age_still_gets_the_age_note() -> None:
    text = _follow_up("额头和下巴冒了好多痘", "我女儿9岁，也能用过氧化苯甲酰吗")
    assert _age_note("acne", "zh").split("；")[0] in text
