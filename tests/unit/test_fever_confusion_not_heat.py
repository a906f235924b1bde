"""A very high fever with confusion and no heat told is no heatstroke; a day out or heat told keeps
it heatstroke (agents/prompts/emergency_signs.yaml rules `changed_consciousness_hot_body`,
`changed_consciousness_hot_body_after_a_day_out`, `very_hot_and_drowsy_child_or_elder`;
evals/medical/results/fever_confusion_not_heat_rule_2026-12-07d.md). Phrasings written after the
change, none from its fresh files."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "小叔发烧41度两天了，今天开始说胡话",
        "my partner's had a fever of 40.6°C since the weekend and now she's delirious",
        "孙子高烧40度，精神很差，叫他也叫不太醒",
    ],
)
def test_a_high_fever_with_confusion_and_no_heat_is_no_heatstroke(text: str) -> None:
    reading = emergency_signs().read(text)
    assert reading is not None
    assert "heatstroke" not in reading.lead
    assert reading.otherwise == "altered_consciousness"


@pytest.mark.parametrize(
    "text",
    [
        "小叔在工地干了一天活，晚上发烧41度，开始说胡话",
        "my partner cycled all day along the coast and now has a fever of 40.6°C and is delirious",
        "we were on a desert tour and grandad now has a fever of 40.5°C and is confused",
        "his skin is burning hot and dry and he's delirious",
    ],
)
def test_a_day_out_or_a_hot_body_without_a_fever_stays_heatstroke(text: str) -> None:
    reading = emergency_signs().read(text)
    assert reading is not None
    assert "heatstroke" in reading.lead
