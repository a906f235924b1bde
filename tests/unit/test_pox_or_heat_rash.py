"""A child's fever with beaded, itchy blisters on the body leads chickenpox, not heat rash: the
chickenpox card declares heat rash a neighbour, so its telling signs (a fever, blisters) are set
against heat rash's (sweat, muggy heat, covered skin); heat with sweating keeps heat rash
(chickenpox_heat_rash_rule_2026-12-06i.md). Phrasings written after the change, not the fresh
files'."""

from __future__ import annotations

from agents.card_answer import CardAnswer
from agents.knowledge.conditions import load_conditions
from agents.knowledge.telling_signs import neighbours
from tests.unit.doctor_call import card_answer


def _answer(text: str) -> CardAnswer:
    return card_answer(text)


def test_a_childs_fever_with_beaded_blisters_on_the_back_leads_chickenpox() -> None:
    got = _answer("孩子发热，腰上和后背冒出一粒粒小水疱，痒得很")
    assert (got.kind, got.cards[0]) == ("card", "chickenpox")
    assert "和痱子怎么区分" in str(got.text)


def test_tiny_blisters_with_sweat_in_the_heat_do_not_become_chickenpox() -> None:
    got = _answer("宝宝后背一粒粒的小水泡，这几天太热了一直出汗")
    assert "chickenpox" not in got.cards[:1]


def test_the_two_cards_are_neighbours() -> None:
    kb = load_conditions()
    assert "heat_rash" in neighbours(kb.get("chickenpox"), kb)
    assert "chickenpox" in neighbours(kb.get("heat_rash"), kb)
