"""A stated pregnancy brings the pregnancy line to the top of the doctor's answer: most cards say
nothing on pregnancy and their care may name ibuprofen (pregnancy_line_rule_2026-12-04d.md).
Phrasings written for this file."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED, CardLedDoctor
from agents.card_asks import PREGNANT, card_asks
from tests.unit.test_card_answer import MARGIN, FixedSearch


@pytest.mark.parametrize(
    ("question", "pregnant"),
    [
        ("怀孕7个月，晒伤了能吃什么止痛", True),
        ("孕28周，手上起了湿疹", True),
        ("my pregnant sister got stung by a jellyfish", True),
        ("I'm 24 weeks pregnant with a rash", True),
        ("I'm not pregnant, just sunburnt", False),
        ("the pregnancy test was negative, anyway my bites itch", False),
        ("没有怀孕，就是晒伤了", False),
        ("晒伤了能吃什么止痛", False),
    ],
)
def test_a_stated_pregnancy_is_read(question: str, pregnant: bool) -> None:
    assert (PREGNANT in card_asks().found(question)) is pregnant


def answer(question: str, card: str, thread: list | None = None) -> str:
    doctor = CardLedDoctor(MARGIN, FixedSearch([(card, 1.0)]))  # type: ignore[arg-type]
    messages = [*(thread or []), HumanMessage(question)]
    texts = [str(m.content) for m in messages if isinstance(m, HumanMessage)]
    return str(doctor.answer(messages, texts).text)


def test_a_pregnant_sunburn_is_told_not_to_take_ibuprofen_before_the_care() -> None:
    text = answer("I'm 30 weeks pregnant and sunburnt, what can I take for the pain?", "sunburn")
    line = text.index("**About pregnancy**")
    assert "don't take ibuprofen" in text[line:]
    assert line < text.index("What you can do")  # before the card's "paracetamol or ibuprofen"
    assert "**About pregnancy**" not in answer("sunburnt, what can I take for the pain?", "sunburn")


def test_a_card_with_its_own_pregnancy_note_quotes_it_on_top_once() -> None:
    text = answer("怀孕了脸上长痘，能用什么", "acne")
    line = text.index("**关于孕期**")
    assert "孕期禁用" in text[line : text.index("它通常是这样的")]
    assert "**年龄和孕期**" not in text  # not quoted a second time below


def test_a_pregnancy_follow_up_on_a_noted_card_quotes_the_note() -> None:
    """The follow-up answer has no card body below it: the note itself, not "see below"."""
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["acne"]})
    text = answer("这个药膏孕妇能用吗？", "acne", [HumanMessage("脸上长痘了"), earlier])
    assert "孕期禁用" in text
    assert "下面" not in text


def test_a_pregnancy_said_in_a_follow_up_is_answered() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["heat_rash"]})
    thread = [HumanMessage("prickly heat on my belly in Singapore"), earlier]
    text = answer("oh and I'm pregnant, is that ok?", "heat_rash", thread)
    assert text.startswith("**About pregnancy**")
