""" "stay" counts as a lodging word only in its lodging senses: the bare verb is a health
follow-up's too ("if some bits stay in" went to the accommodation expert;
stay_lodging_cue_rule_2026-12-06f.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from graph.routing.policy import decide, load_lexicon


def lodging_cue(text: str) -> bool:
    return any(p.search(text) for p in load_lexicon().expert_cues["accommodation"])


@pytest.mark.parametrize(
    "text",
    [
        "which neighbourhood is best to stay in Lisbon?",
        "we want to stay two nights near the beach in Krabi",
        "is a homestay in Yangshuo a good idea?",
        "cheapest area to stay for a week in Seoul",
        "where can I stay near the old town in Dali",
    ],
)
def test_lodging_senses_are_cues(text: str) -> None:
    assert lodging_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "how long will the redness stay?",
        "should she stay in bed today?",
        "does the stinger stay in the skin?",
        "can I stay in the pool with a plaster on?",
    ],
)
def test_the_bare_verb_is_not(text: str) -> None:
    assert not lodging_cue(text)


def test_a_short_follow_up_saying_stay_stays_with_the_doctor() -> None:
    scores = {"medical": 0.2, "accommodation": 0.25, "itinerary": 0.05, "emergency": 0.0}
    got = decide(scores, "do the black dots stay there for good?", previous=["medical"])
    assert got.experts == ("medical",)
