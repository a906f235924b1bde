"""A card's name said in the word form people use ("sunburnt", "sunburned", "frostbitten") names
the card, so a neighbour's telling sign (skiing: dry skin at altitude) does not pass over it; a
neighbour's own form ("windburnt") does not (named_lead_rule_2026-12-06g.md). Phrasings written
after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from agents.knowledge.condition_names import conditions_named
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer


def _named(text: str) -> list[str]:
    return [c.id for c in conditions_named(text, load_conditions().cards.values())]


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("I got really sunburnt at the lake", "sunburn"),
        ("Sunburned shoulders after the boat trip", "sunburn"),
        ("his toes are frostbitten after the night on the ridge", "frostbite"),
    ],
)
def test_a_word_form_of_the_name_names_the_card(text: str, card: str) -> None:
    assert card in _named(text)


def test_windburnt_is_not_sunburn() -> None:
    assert "sunburn" not in _named("my lips and cheeks are windburnt")


def test_a_named_sunburn_on_the_slopes_leads() -> None:
    text = "forehead and nose got sunburned skiing at altitude in Zermatt"
    got = card_answer(text)
    assert got.cards[0] == "sunburn"
