"""A card whose name is plural is named by the singular people say ("a cold sore", "a wart"),
except in a hyphenated compound that names a product ("a wart-removal pen"); the evaluation's
naming reads the card's own names only (singular_names_rule_2026-12-05d.md). Phrasings written
after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.knowledge.condition_names import conditions_guessed, conditions_named, name_pieces
from agents.knowledge.conditions import load_conditions
from graph.triage.router import names_a_condition

CARDS = list(load_conditions().cards.values())


def named(text: str) -> list[str]:
    return [c.id for c in conditions_named(text, CARDS)]


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("there's a wart on my thumb, is the onsen in Hakone ok?", "warts"),
        ("my husband gets a cold sore whenever we go skiing", "cold_sores"),
        ("one bed bug bite on my neck after the night bus to Hanoi", "bedbug_bites"),
        ("stepped on something, a sea urchin spine is still in my heel", "sea_urchin"),
    ],
)
def test_the_singular_names_the_card(text: str, card: str) -> None:
    assert named(text)[:1] == [card]
    assert names_a_condition([HumanMessage(text)])


@pytest.mark.parametrize(
    "text",
    [
        "is a wart-remover pen safe to use on a skin tag?",
        "our cottage is by a shingle beach in Dorset",
        "I assumed it was a wart but it's growing fast and bleeding",
    ],
)
def test_a_compound_a_beach_or_a_doubt_names_nothing_new(text: str) -> None:
    assert named(text) == []


def test_a_singular_guess_is_a_guess_and_the_answers_names_stay_the_cards() -> None:
    text = "could this be a chilblain? purple itchy toe after the glacier walk"
    assert conditions_guessed(text, CARDS) == {"chilblains"}
    assert "chilblain" not in name_pieces(load_conditions().get("chilblains"))
