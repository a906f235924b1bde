"""What to pack or prepare before a trip, and a purpose clause asked ("so I don't get …",
"才不会…"), ask how to prevent it: the card's prevention answer leads, not a diagnosis for
someone who has not left yet; a doctor's visit and a purpose clause told about what happened
are not (prepare_prevent_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import PREVENT, card_asks
from agents.knowledge.negation import affirmed
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("元旦去黑龙江滑雪，怕手和耳朵冻伤，需要准备点什么", "frostbite"),
        (
            "island hopping in the Philippines and I always get sunburnt, what should I pack?",
            "sunburn",
        ),
        ("去老挝的雨林徒步，蚊子多，出发前该备些什么", "insect_bites"),
        ("Trekking in Scotland in August, how do we dress so we don't get ticks?", "tick_bite"),
        ("去雪山拍照，脸要怎么捂着才不会冻伤", "frostbite"),
    ],
)
def test_a_packing_or_purpose_ask_gets_the_prevention_answer_first(
    question: str, card: str
) -> None:
    assert PREVENT in card_asks().found(question)
    answer = asked_alone(question)
    assert answer.cards[:1] == (card,)
    assert answer.text is not None
    assert "most like" not in answer.text
    assert "较像" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "脚上的水泡破了，明天去医院要带些什么",
        "what should I bring to the clinic for my sunburn blisters?",
        "I put on repellent so I wouldn't get bitten but I'm covered in bites now",
        "背上晒伤了，要准备什么药膏",
    ],
)
def test_a_visit_a_medicine_or_a_told_purpose_is_no_prevention_ask(question: str) -> None:
    assert PREVENT not in card_asks().found(question)


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        ("any tips so the kids don't get sunburnt at the beach?", "sunburnt"),
        ("要怎么穿才不会冻伤", "冻伤"),
    ],
)
def test_a_purpose_clause_is_no_denial(question: str, kept: str) -> None:
    assert kept in affirmed(question)
