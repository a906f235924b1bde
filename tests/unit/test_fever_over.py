"""A fever told as past and over is no fever now (agents/prompts/emergency_signs.yaml
`over_told`, agents/emergency_signs.py; evals/medical/results/fever_over_rule_2026-12-07d.md).
Phrasings written after the change, none from its fresh files."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "the baby had a high temperature three days ago, it has passed, "
        "and now dry patches on her cheeks",
        "my fever from last week is long gone but this eczema on my neck won't settle",
        "he was 40.2 a couple of weeks ago, back to normal now; his hands are cracking",
        "女儿两天前发烧39度多，现在已经退了，脸上湿疹又红了",
        "上个星期发过高烧，早就好了，腿弯的湿疹一直痒",
    ],
)
def test_a_fever_told_as_over_is_no_fever(text: str) -> None:
    signs = emergency_signs().signs(text)
    assert "fever" not in signs
    assert "body_heat" not in signs


@pytest.mark.parametrize(
    "text",
    [
        "his fever last week went away but he's 38.9 again tonight and the eczema is weeping",
        "the fever from five days ago is gone, now it's back and her eczema has blisters",
        "上周发烧退了，今天又烧到38度5，湿疹也破了",
        "she's had a fever since last week and it hasn't gone",
    ],
)
def test_a_fever_back_or_still_there_is_a_fever(text: str) -> None:
    assert "fever" in emergency_signs().signs(text)


def test_other_signs_of_the_turn_are_read_as_before() -> None:
    # only fever, body_heat and hot_to_touch read the text with the over spans blanked
    signs = emergency_signs().signs(
        "a fever of 39 last week, gone now, but today she's confused and drowsy"
    )
    assert "consciousness" in signs
    assert "fever" not in signs
