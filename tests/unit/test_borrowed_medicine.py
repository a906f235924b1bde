"""A question about using someone else's prescription gets the prescriber's-call answer with its
own line, never a guessed condition (borrowed_medicine_rule_2026-12-05.md)."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import answer


@pytest.mark.parametrize(
    "question",
    [
        "Is it ok to use my mum's prescription steroid cream on my rash? It's clobetasol",
        "can I borrow my flatmate's antibiotics for this infected cut?",
        "I have some leftover antibiotics, can I take them for this bite?",
        "朋友的激素药膏我能拿来涂吗",
        "同事有医生开的抗真菌药，我能吃吗",
    ],
)
def test_someone_else_s_prescription_is_read(question: str) -> None:
    assert question_kinds().borrowed(question)
    assert question_kinds().asks_for_dose(question)


@pytest.mark.parametrize(
    "question",
    [
        "my mum has shingles on her back, what should she do?",
        "can I use the hotel's free anti-itch cream on mosquito bites?",
        "my eczema flared up, my own steroid cream from my GP helps",
        "我妈脸上长了好多痘痘怎么办",
    ],
)
def test_a_relative_or_a_cream_alone_is_not(question: str) -> None:
    assert not question_kinds().borrowed(question)


def test_the_answer_says_why_and_names_no_guessed_condition() -> None:
    question = "Is it ok to use my friend's prescription steroid cream on this itchy patch?"
    got = answer(question, [("tinea_cruris", 1.0), ("contact_dermatitis", 0.95)])
    assert got.kind == "prescription"
    assert got.text is not None
    assert "Someone else's prescription" in got.text
    assert "most like" not in got.text
