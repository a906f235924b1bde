"""Confusion told after a temperature or a fever word ("40.5 degrees and confused")
(agents/prompts/emergency_signs.yaml `consciousness`;
evals/medical/results/and_confused_rule_2026-12-07d.md). Phrasings written after the change, none
from its fresh file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "mum is 40.5 degrees and confused, she keeps calling me by my sister's name",
        "he measured 39.6°C and muddled, asking which hotel we are in",
        "our boy spiked 104.2 F and confused tonight",
        "my wife, febrile and muddled after the long bus ride",
        "grandad's 38.9 & confused",
    ],
)
def test_confusion_after_a_temperature_or_a_fever_is_read(text: str) -> None:
    assert "consciousness" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "the app said 38.4 and confused me even more, is this just a cold sore?",
        "she's 41 and confused about whether her mole has changed",
        "it was hot and confusing at the market, now my arm has an itchy rash",
        "I had a fever and confused my antibiotic times, the rash is still there",
    ],
)
def test_confused_by_something_or_an_age_is_no_changed_consciousness(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)
