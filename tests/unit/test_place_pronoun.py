"""A place named in English stops before "I'm", "I've", "I'd", "I'll" (place_pronoun_rule_2026-
12-06g.md: the gap line named "Costa Rica I've"). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.travel_part import places_in


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("ever since our week in Peru I've had this cough", "Peru"),
        ("when we get to Rio De Janeiro I'm renting a car", "Rio De Janeiro"),
        ("flying from Nairobi I'd rather not connect twice", "Nairobi"),
        ("two nights near Loch Ness I'll need a quiet spot", "Loch Ness"),
    ],
)
def test_the_place_stops_at_a_pronoun(text: str, place: str) -> None:
    assert places_in(text, "en") == [place]
