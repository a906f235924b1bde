"""The day's heat told by a number ("in 42 degrees", "it's 38 degrees out here") is hot weather;
a body's temperature told in degrees is not (agents/prompts/emergency_signs.yaml `hot_weather`;
evals/medical/results/hot_weather_degrees_rule_2026-12-07c.md). Phrasings written after the
change, none from its fresh file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "we queued for the Alhambra in 42 degrees and my aunt feels faint",
        "it's 38 degrees in Dubai and the kids are flagging",
        "It was 45°C at the temple today",
    ],
)
def test_the_days_heat_told_by_a_number_is_hot_weather(text: str) -> None:
    assert "hot_weather" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "her temperature was 38.6 degrees this morning",
        "my temp is 39 degrees, should I skip the tour?",
        "it's 39.2 degrees on the thermometer under his arm",
    ],
)
def test_a_bodys_temperature_is_not(text: str) -> None:
    assert "hot_weather" not in emergency_signs().signs(text)
