"""A near-drowning gets drowning's first aid (hospital even if they seem fine), a poisoning the
rules catch gets poisoning's — not "sit upright, use the inhaler", not "rewarm slowly" for a
swallowed button battery (drowning_rule_2026-12-05.md)."""

from __future__ import annotations

import pytest

from agents.responders import category_of_flag, escalation_categories


@pytest.mark.parametrize(
    ("flags", "turn"),
    [
        (["breathing"], "孩子在泳池呛水了，现在一直咳，嘴唇发紫"),
        ([], "we pulled him out of the sea, he's drowsy and coughing"),  # a net, no category
        (["chest_pain", "breathing"], "被浪卷走呛了好多水，现在胸口痛喘不上气"),
    ],
)
def test_water_inhaled_leads_with_drowning_first_aid(flags: list[str], turn: str) -> None:
    assert escalation_categories(None, flags, [turn]) == ["hypothermia_drowning"]


def test_not_breathing_after_drowning_still_puts_cpr_first() -> None:
    found = escalation_categories(None, ["drowning"], ["有人溺水了，捞上来没有呼吸了"])
    assert found == ["altered_consciousness", "hypothermia_drowning"]


def test_the_rules_poisonings_are_poisoning_and_their_drownings_drowning() -> None:
    assert category_of_flag("poisoning") == "poisoning_overdose"
    assert category_of_flag("drowning") == "hypothermia_drowning"


def test_an_asthma_attack_at_the_beach_is_no_drowning() -> None:
    turn = "asthma attack on the beach, inhaler isn't helping, can barely talk"
    assert escalation_categories(None, ["breathing"], [turn]) == ["breathing_difficulty"]
