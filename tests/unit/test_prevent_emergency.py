"""Asked how to prevent an emergency before anything has happened ("how can I avoid heatstroke in
Dubai?"), the doctor answers how to prevent it and that it is an emergency if it happens — it does
not tell the user to call an ambulance now; told with a sign of it happening, it still does
(prevent_emergency_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_answer import CALLS_NOW
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("how do we prevent heat stroke on a summer trip to Seville?", "heatstroke"),
        ("出发去新疆的沙漠前，怎么预防中暑？", "heatstroke"),
        ("how can I avoid anaphylaxis on a hiking trip in wasp season?", "anaphylaxis"),
    ],
)
def test_preventing_an_emergency_is_answered_without_calling_now(question: str, card: str) -> None:
    answer = asked_alone(question)
    assert answer.kind not in CALLS_NOW
    assert answer.cards[:1] == (card,)
    assert answer.text is not None
    assert "NHS" in answer.text.split("\n\n")[1]  # the prevention line, second


@pytest.mark.parametrize(
    "question",
    [
        "how do I prevent it getting worse? my friend fainted in the heat and feels very hot",
        "怎么防止加重？她被马蜂蜇了以后嘴唇肿起来了",
    ],
)
def test_prevention_words_beside_a_sign_of_it_still_call_now(question: str) -> None:
    assert asked_alone(question).kind in CALLS_NOW
