"""An emergency at altitude gets severe altitude sickness's first aid ("go down now") first, its
own kept below; elsewhere nothing changes (altitude_first_aid_rule_2026-12-04g.md). Phrasings
written for this file."""

from __future__ import annotations

from agents.responders import first_aid_categories


def test_a_breathing_emergency_at_altitude_goes_down_first() -> None:
    turn = ["在稻城亚丁，我爸休息的时候也喘得厉害，一直咳嗽"]
    assert first_aid_categories(["breathing_difficulty"], turn) == [
        "severe_altitude",
        "breathing_difficulty",
    ]


def test_confusion_on_a_trek_goes_down_first() -> None:
    turn = ["on the Annapurna circuit and my partner is confused and can't walk straight"]
    assert first_aid_categories(["altered_consciousness"], turn)[0] == "severe_altitude"


def test_no_altitude_or_another_emergency_is_as_before() -> None:
    assert first_aid_categories(["breathing_difficulty"], ["my son is wheezing badly"]) == [
        "breathing_difficulty"
    ]
    assert first_aid_categories(["severe_burn"], ["在拉萨被开水烫伤了一大片"]) == ["severe_burn"]
