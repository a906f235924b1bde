"""A burn below every severity rule leads with the minor-burn card, whatever retrieval ranks first
(a touched kettle is not an A&E case, a lighter burn is no sunburn); a severe one still leads
with the emergency."""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from tests.unit.test_card_answer import MARGIN, FixedSearch


def ask(question: str, ranked: list[tuple[str, float]]):
    doctor = CardLedDoctor(MARGIN, FixedSearch(ranked))  # type: ignore[arg-type]
    return doctor.answer([HumanMessage(question)], [question])


def test_a_brief_touch_of_a_kettle_leads_with_the_minor_burn_card() -> None:
    got = ask("外婆刚才碰了一下电水壶，手背红了一点", [("severe_burn", 1.0), ("chilblains", 0.5)])
    assert got.kind == "card"
    assert got.cards[0] == "minor_burn_scald"
    assert "severe_burn" not in got.cards


def test_a_lighter_burn_is_no_sunburn() -> None:
    got = ask(
        "my nephew burnt his thumb on a lighter", [("sunburn", 1.0), ("minor_burn_scald", 0.9)]
    )
    assert got.kind == "card"
    assert got.cards[0] == "minor_burn_scald"


def test_a_sunburn_keeps_its_card() -> None:
    got = ask("burnt by the sun on the boat, back is red", [("sunburn", 1.0), ("xerosis", 0.2)])
    assert got.cards[0] == "sunburn"


def test_a_chemical_burn_still_leads_with_the_emergency() -> None:
    got = ask("bleach splashed on grandpa's arm", [("contact_dermatitis", 1.0)])
    assert got.kind == "emergency_card"
    assert got.cards[0] == "severe_burn"


def test_hot_water_as_a_treatment_is_no_burn() -> None:
    got = ask(
        "stung by a jellyfish on the leg, should she use hot water?",
        [("jellyfish_sting", 1.0), ("bee_wasp_sting", 0.4)],
    )
    assert got.cards[0] == "jellyfish_sting"
