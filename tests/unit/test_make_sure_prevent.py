""" "How do I make sure I don't bring them home?" asks how to prevent it: the negation is the ask,
not a denial, so the card's prevention answers it (make_sure_prevent_rule_2026-12-05.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import PREVENT, card_asks
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "card"),
    [
        (
            "what's the easiest way to make sure we don't pick up bedbugs on the night train?",
            "bedbug_bites",
        ),
        ("how can we make sure the kids don't get sunburnt on the boat in Langkawi?", "sunburn"),
        ("怎样才能不把臭虫带进家里", "bedbug_bites"),
    ],
)
def test_making_sure_it_does_not_happen_is_a_prevention_ask(question: str, card: str) -> None:
    assert PREVENT in card_asks().found(question)
    answer = asked_alone(question)
    assert answer.cards[:1] == (card,)
    assert answer.kind == "card"


@pytest.mark.parametrize(
    "question",
    [
        "how do I make sure it doesn't leave a mark?",  # the wound's, not catching it
        "make sure you don't pick at the scab, ok?",
    ],
)
def test_making_sure_of_what_a_wound_does_is_no_prevention_ask(question: str) -> None:
    assert PREVENT not in card_asks().found(question)
