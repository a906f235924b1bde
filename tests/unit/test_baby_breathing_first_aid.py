"""A baby who is not breathing gets baby CPR first whichever layer escalated and whatever
category it named; an adult or an older child keeps the adult first aid
(baby_breathing_first_aid_rule_2026-12-07f.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.responders import first_aid_categories


@pytest.mark.parametrize(
    "text",
    [
        "our 3 week old stopped breathing in the pram for a few seconds",
        "五个月大的宝宝洗澡时没有呼吸了，嘴唇发紫",
        "the infant wasn't breathing when we found her in the cot",
    ],
)
@pytest.mark.parametrize("named", [["altered_consciousness"], ["breathing_difficulty"], []])
def test_baby_cpr_leads_for_a_baby_not_breathing(text: str, named: list[str]) -> None:
    found = first_aid_categories(named, [text])
    assert found[0] == "infant_not_breathing", (text, named)
    assert "altered_consciousness" not in found


def test_drowning_first_aid_stays_beside_baby_cpr() -> None:
    text = "our 10 month old slipped under in the hotel bath and stopped breathing"
    found = first_aid_categories(["hypothermia_drowning"], [text])
    assert found == ["infant_not_breathing", "hypothermia_drowning"]


@pytest.mark.parametrize(
    "text",
    [
        "my wife fainted and stopped breathing on the tour bus",
        "the 9 year old isn't breathing after we pulled him from the lake",
    ],
)
def test_an_adult_or_older_child_keeps_the_adult_first_aid(text: str) -> None:
    assert "infant_not_breathing" not in first_aid_categories(["altered_consciousness"], [text])
