"""A question about an insect repellent's safety or strength reaches the doctor and is answered
from the bite card's prevention and age notes (CDC), not a guessed rash; a rash after a
repellent is still read as a skin complaint (repellent_words_rule_2026-12-04q.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_asks import PREVENT, card_asks
from graph.routing.classifier_router import ClassifierRouter
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "my 18 month old needs bug spray for Cambodia, is DEET alright at that age?",
        "哺乳期可以用含派卡瑞丁的驱蚊喷雾吗？下周去越南",
    ],
)
def test_a_repellent_question_reaches_the_doctor(question: str) -> None:
    assert "medical" in ClassifierRouter().route([HumanMessage(question)]).experts


@pytest.mark.parametrize(
    "question",
    [
        "my 18 month old needs bug spray for Cambodia, is DEET alright at that age?",
        "哺乳期可以用含派卡瑞丁的驱蚊喷雾吗？下周去越南",
        "what percentage of DEET do I need for the Amazon?",
    ],
)
def test_a_repellent_question_gets_the_bite_prevention_answer(question: str) -> None:
    answer = asked_alone(question)
    assert answer.cards[:1] == ("insect_bites",)
    assert answer.text is not None
    assert "DEET" in answer.text


def test_a_rash_after_a_repellent_is_still_a_skin_complaint() -> None:
    question = "after spraying repellent on my legs they came up in an itchy red rash"
    assert PREVENT not in card_asks().found(question)
    assert asked_alone(question).cards[:1] != ("insect_bites",)
