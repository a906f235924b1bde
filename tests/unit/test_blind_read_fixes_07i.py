"""The 2026-12-07i blind-read fixes (evals/medical/results/blind_read_fixes_rule_2026-12-07i.md):
being near someone with chickenpox or measles is answered as an exposure; swim and sun asks are
answered from a card's own lines; a same-day card puts the doctor first. (The pressure-ulcer card
was tried and dropped: see the rule's result.) Phrasings written for these tests, not taken from
the fresh files."""

from __future__ import annotations

from agents.card_asks import card_asks
from agents.knowledge.conditions import load_conditions
from graph.routing.answer_order import answer_order
from graph.routing.base import RouteDecision

KB = load_conditions()
ASKS = card_asks()


def test_being_near_chickenpox_while_pregnant_is_an_exposure_ask() -> None:
    told = (
        "I'm pregnant and a child at the party turned out to have chickenpox."
        " I don't think I've had it."
    )
    assert ASKS.found(told)[0] == "exposed"
    line = ASKS.lines(KB.get("chickenpox"), ["exposed"], "en")[0]
    assert "midwife" in line
    assert "now" in line
    assert "exposed" not in ASKS.found("my 4 year old has chickenpox, what cream helps the itch?")
    assert "exposed" not in ASKS.found("I've never had a rash like this before, what is it?")


def test_an_exposure_is_quiet_on_a_card_without_an_exposure_line() -> None:
    assert ASKS.lines(KB.get("sunburn"), ["exposed"], "en") == []


def test_a_swim_or_sun_ask_is_answered_from_the_cards_own_lines() -> None:
    swim = ASKS.lines(KB.get("swimmers_itch"), ["swim"], "en")[0]
    assert "shower" in swim
    assert "weedy water" in swim
    assert "doesn't cover" not in swim
    sun = ASKS.lines(KB.get("vitiligo"), ["sun"], "zh")[0]
    assert "防晒" in sun
    assert "没有写" not in sun
    # a card that says nothing on it still says so
    assert "doesn't cover" in ASKS.lines(KB.get("chickenpox"), ["sun"], "en")[0]


def test_an_animal_bite_beside_a_travel_ask_puts_the_doctor_first() -> None:
    turn = ["a stray dog bit my wrist in Kathmandu, small puncture; what should we see in Pokhara?"]
    plan = RouteDecision(("itinerary", "medical"), "policy", primary="itinerary")
    assert answer_order(plan, turn) == ("medical", "itinerary")
    bites = ["itchy mosquito bites on my legs; what should we see in Pokhara?"]
    assert answer_order(plan, bites) == ("itinerary", "medical")
