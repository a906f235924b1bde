"""A card's alias said with commas or hyphens between its words names the card as written with
spaces: "hand, foot and mouth" (the NHS's own spelling, mostly said without "disease") was read
as no skin question (hfmd_commas_rule_2026-12-06e.md). Phrasings written after the change, not
the fresh file's."""

from __future__ import annotations

import pytest

from agents.card_answer import named_by_user
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer


def _cards(question: str) -> tuple[str, tuple[str, ...]]:
    answer = card_answer(question)
    return answer.kind, answer.cards


@pytest.mark.parametrize(
    "question",
    [
        "The twins both caught hand, foot and mouth from a playgroup, are they ok on a ferry ride?",
        "hand, foot, and mouth again in our youngest. when can she go back to the holiday club?",
        "doctor in Ubud said Hand,Foot and Mouth for my boy, anything we should do?",
    ],
)
def test_the_name_with_commas_is_the_hand_foot_and_mouth_card(question: str) -> None:
    kind, cards = _cards(question)
    assert kind == "card"
    assert cards[:1] == ("hand_foot_mouth",)


def test_parts_of_the_body_listed_with_commas_name_no_card() -> None:
    card = load_conditions().get("hand_foot_mouth")
    assert named_by_user(card, "burnt my hand, foot and leg on the exhaust") is False
    assert named_by_user(card, "she has hand, foot and mouth") is True
