"""A seizure medicine named in a practical question raises no red flag; a seizure happening still
does, with or without its medicine beside it (graph/safety/red_flags.yaml `altered_consciousness`;
evals/triage/results/seizure_medicine_flag_rule_2026-12-07c.md). Phrasings written after the
change, none from its fresh file."""

from __future__ import annotations

import pytest

from graph.safety import red_flags


@pytest.mark.parametrize(
    "text",
    [
        "where can I refill my wife's seizure medication in Kyoto?",
        "are seizure pills allowed in hand luggage to Seoul?",
        "his seizure drugs make him sleepy in the afternoons, should we plan rest stops?",
    ],
)
def test_a_seizure_medicine_raises_no_flag(text: str) -> None:
    assert "altered_consciousness" not in {h.flag for h in red_flags(text)}


@pytest.mark.parametrize(
    "text",
    [
        "a woman on the tram is having a seizure",
        "he ran out of his seizure tablets yesterday and now he's had a seizure at the airport",
    ],
)
def test_a_seizure_happening_still_raises_it(text: str) -> None:
    assert "altered_consciousness" in {h.flag for h in red_flags(text)}
