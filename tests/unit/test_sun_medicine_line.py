"""A stated medicine that makes skin burn in the sun (doxycycline, isotretinoin, tretinoin…)
brings the sun line to the top of the doctor's answer, and to a non-skin answer about it
(sun_medicine_line_rule_2026-12-04h.md). Phrasings written for this file."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.card_asks import SUN_MEDICINE, card_asks
from tests.unit.test_card_answer import MARGIN, FixedSearch


@pytest.mark.parametrize(
    ("question", "stated"),
    [
        ("I'm taking doxy as an antimalarial and my nose peeled", True),
        ("医生开了异维A酸，下个月去普吉岛", True),
        ("my daughter uses Retin-A at night", True),
        ("I take paracetamol for headaches, sunburnt back", False),
        ("晒伤了，吃了点布洛芬", False),
    ],
)
def test_a_stated_sun_sensitising_medicine_is_read(question: str, stated: bool) -> None:
    assert (SUN_MEDICINE in card_asks().found(question)) is stated


def answer(question: str, cards: list[tuple[str, float]]) -> str:
    doctor = CardLedDoctor(MARGIN, FixedSearch(cards))  # type: ignore[arg-type]
    return str(doctor.answer([HumanMessage(question)], [question]).text)


def test_the_sun_line_comes_before_the_cards_care() -> None:
    text = answer("on doxycycline for malaria and my shoulders got burnt", [("sunburn", 1.0)])
    line = text.index("**About your medicine and the sun**")
    assert line < text.index("What you can do")
    assert "don't stop malaria tablets on your own" in text
    plain = answer("my shoulders got burnt on the boat", [("sunburn", 1.0)])
    assert "About your medicine and the sun" not in plain


def test_a_medicine_question_with_no_skin_word_gets_the_line_not_a_brush_off() -> None:
    """Served i4 (2026-12-04i): "is it ok to take my isotretinoin while I'm on a beach holiday
    in Phuket?" got "that doesn't sound like a skin problem"."""
    text = answer("可以一边吃异维A酸一边去海边度假吗", [])
    assert text.startswith("**关于你用的药和日晒**")
    assert "不是皮肤问题" not in text
    assert "开药的医生或药师" in text
