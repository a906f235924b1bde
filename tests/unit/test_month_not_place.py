"""A month or a weekday after "in"/"from" is a time, not a place the KB lacks
(month_not_place_rule_2026-12-06.md: "pack for Iceland in February" got "no vetted information
on February"). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_gap import named_place


@pytest.mark.parametrize(
    "question",
    [
        "is it too cold to camp in November?",
        "what's still open in Aug when the locals are on holiday?",
        "we land from Sept onwards, which SIM should we get?",
        "are museums free in Jan or Feb?",
        "is the old town crowded in Saturday markets?",
    ],
)
def test_a_month_or_weekday_is_no_place(question: str) -> None:
    assert named_place(question) is None


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("thinking of going to Tromsø in November, what should I pack?", "Tromsø"),
        ("any night markets in Marrakech on a Sunday?", "Marrakech"),
        ("is it worth stopping in Mayrhofen for a day?", "Mayrhofen"),
    ],
)
def test_a_place_beside_a_month_is_still_named(question: str, place: str) -> None:
    assert named_place(question) == place
