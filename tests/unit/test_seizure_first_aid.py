"""A seizure seen gets the seizure's first aid first, not the unconscious person's CPR line
(seizure_first_aid_rule_2026-12-06g.md); a turn that says they are not breathing keeps CPR.
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories, first_aid_categories


@pytest.mark.parametrize(
    "turn",
    [
        "我表哥在火车站突然倒地，全身抽个不停",
        "the lady at the next table just fell off her chair and is convulsing",
    ],
)
def test_a_rule_escalation_of_a_seizure_leads_with_its_first_aid(turn: str) -> None:
    found = escalation_categories(None, ["altered_consciousness"], [turn])
    assert found[0] == "seizure"
    assert "altered_consciousness" not in found


def test_a_net_escalation_of_a_seizure_is_named() -> None:
    assert first_aid_categories([], ["my niece has a high temperature and is having a fit"]) == [
        "seizure"
    ]


def test_not_breathing_after_a_seizure_keeps_cpr_first() -> None:
    turn = "他刚才抽搐了一分钟，现在没有呼吸了"
    found = escalation_categories(None, ["altered_consciousness"], [turn])
    assert found[0] == "altered_consciousness"


@pytest.mark.parametrize(
    "turn", ["导游在车上抽烟", "爬山爬到腿抽筋了", "I take my seizure tablets every morning"]
)
def test_no_seizure_sign(turn: str) -> None:
    assert "seizure" not in emergency_signs().thread_signs([turn])
