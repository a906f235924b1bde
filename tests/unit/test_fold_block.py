"""A baby's armpits or neck are no part of the nappy area (NHS "Nappy rash"): told with no
nappy-area word, a nappy-rash lead the doctor would name steps aside, and no other card is raised
for it; a question that says the nappy area keeps the card (fold_block_rule_2026-12-06i.md).
Phrasings written after the change, not the fresh files'."""

from __future__ import annotations

from agents.card_answer import CardAnswer
from agents.knowledge.conditions import load_conditions
from agents.knowledge.telling_signs import blocked
from tests.unit.doctor_call import card_answer


def _answer(text: str) -> CardAnswer:
    return card_answer(text)


def test_a_babys_red_armpits_do_not_lead_with_nappy_rash() -> None:
    got = _answer("宝宝腋窝红红的")
    assert got.cards[0] == "heat_rash"


def test_the_nappy_area_keeps_nappy_rash() -> None:
    got = _answer("宝宝尿不湿包着的大腿根褶子里发红")
    assert (got.kind, got.cards[0]) == ("card", "nappy_rash")


def test_a_site_blocks_only_without_the_cards_own_place() -> None:
    nappy = load_conditions().get("nappy_rash")
    assert blocked(nappy, "红的地方在脖子后面")
    assert blocked(nappy, "red under both armpits")
    assert not blocked(nappy, "red in the nappy area and a little on the neck")
    assert not blocked(nappy, "屁股红了")
    assert not blocked(load_conditions().get("heat_rash"), "red in the armpits")
