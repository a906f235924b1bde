"""A stated diabetes brings the diabetes line to the top of the doctor's answer: the card's own
"see a doctor" sentence on diabetes, or plainly that it has none, and NHS's "have a foot or leg
wound seen early" (diabetes_line_rule_2026-12-04f.md). Phrasings written for this file."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.card_asks import DIABETES, card_asks
from tests.unit.test_card_answer import MARGIN, FixedSearch


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("my husband is diabetic and cut his foot on coral", True),
        ("我爸有糖尿病，脚上起了个水泡", True),
        ("she's on insulin and her bite looks infected", True),
        ("I'm not diabetic, just a blister", False),
        ("没有糖尿病，就是脚气", False),
        ("a blister on my heel from walking", False),
    ],
)
def test_a_stated_diabetes_is_read(question: str, stated: bool) -> None:
    assert (DIABETES in card_asks().found(question)) is stated


def answer(question: str, card: str) -> str:
    doctor = CardLedDoctor(MARGIN, FixedSearch([(card, 1.0)]))  # type: ignore[arg-type]
    return str(doctor.answer([HumanMessage(question)], [question]).text)


def test_the_cards_own_diabetes_sentence_comes_first() -> None:
    text = answer(
        "I have type 2 diabetes and a blister on my toe from new shoes", "friction_blisters"
    )
    line = text.index("**About diabetes**")
    assert line < text.index("What you can do")
    assert "You have diabetes or poor circulation" in text[line : text.index("What you can do")]


def test_a_card_without_a_word_on_diabetes_says_so() -> None:
    text = answer("我有糖尿病，腿上的蚊子包抓破了", "insect_bites")
    assert "没有专门写糖尿病" in text
    assert "**关于糖尿病**" not in answer("腿上的蚊子包抓破了", "insect_bites")
