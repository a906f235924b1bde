""" "Tips for avoiding …", "the best way to keep … away" ask how to prevent it: the card's
prevention answer leads, no "sounds most like" for someone not yet bitten; "avoid" about what
they already have is care (prevent_ask_words_rule_2026-12-04q.md). Phrasings written after the
change."""

from __future__ import annotations

import pytest

from agents.card_asks import PREVENT, card_asks
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("got any advice for avoiding sunburn while sailing in Croatia?", "sunburn"),
        ("what's the best way to keep mosquitoes off a baby in Vietnam?", "insect_bites"),
        ("ways of keeping bed bugs away in cheap hostels?", "bedbug_bites"),
    ],
)
def test_a_prevention_ask_gets_the_prevention_answer_first(question: str, card: str) -> None:
    assert PREVENT in card_asks().found(question)
    answer = asked_alone(question)
    assert answer.cards[:1] == (card,)
    assert answer.text is not None
    assert "sounds most like" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "should I avoid hot showers with this eczema flare?",
        "how do I keep the dressing on my grazed elbow dry while swimming?",
    ],
)
def test_avoiding_or_keeping_about_what_they_have_is_no_prevention_ask(question: str) -> None:
    assert PREVENT not in card_asks().found(question)


def test_a_prevention_ask_with_little_else_is_not_too_vague() -> None:
    """Nothing has happened yet: "tell me more about the skin" would not answer it."""
    answer = asked_alone("best way to keep ticks away from the kids on a forest walk?")
    assert answer.kind == "card"
    assert answer.cards[:1] == ("tick_bite",)
