"""Sudden trouble speaking is a stroke sign (NHS FAST), unless the thread tells another cause;
symptoms after a dive are decompression sickness, whose first aid (oxygen, a recompression
chamber, tell them it follows a dive) leads; a dive only asked about is nothing
(stroke_speech_rule_2026-12-04q.md, diving_first_aid_rule_2026-12-04q.md). Phrasings written for
this file after the change."""

from __future__ import annotations

import pytest

from agents.responders import first_aid_categories
from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "question",
    [
        "grandpa (81) is all of a sudden talking gibberish at the dinner table",
        "我妈刚才突然口齿不清，跟她说话她好像听不懂我说的话",
        "my wife seems confused and her words are coming out all muddled since lunch",
    ],
)
def test_sudden_trouble_speaking_calls_now_with_stroke_first_aid(question: str) -> None:
    assert doctor_call(question) == (True, "stroke")
    assert first_aid_categories([], [question]) == ["stroke"]


@pytest.mark.parametrize(
    "question",
    [
        "he slipped on the wet rocks, hit his head, and now his speech is slurred and he's "
        "confused",
        "朋友在酒吧喝多了，现在突然说话不清楚，走路也不稳",
        "the sunset over Santorini left us speechless, where should we eat tonight?",
        "我爸不会说英语，在伦敦问路怎么办",
    ],
)
def test_speech_with_another_cause_or_a_figure_of_speech_names_no_stroke(question: str) -> None:
    assert doctor_call(question)[1] != "stroke"
    assert "stroke" not in first_aid_categories([], [question])


@pytest.mark.parametrize(
    "question",
    [
        "an hour after our second dive my elbow aches badly and my fingertips are tingling",
        "今天上午在仙本那潜完水，下午膝盖越来越疼，腿也有点发麻",
    ],
)
def test_symptoms_after_a_dive_are_decompression_sickness(question: str) -> None:
    assert doctor_call(question) == (True, "decompression_sickness")


def test_a_tight_chest_after_a_fast_ascent_gets_the_dive_first_aid_not_aspirin() -> None:
    turn = ["my son came up too fast on his dive in Dahab and now his chest feels tight"]
    assert first_aid_categories(["chest_pain"], turn) == ["decompression_sickness"]


@pytest.mark.parametrize(
    "question",
    [
        "I get a bit dizzy on boats, is it still ok to go diving in Komodo next week?",
        "想去潜水，但是膝盖有旧伤会疼，可以潜吗",
    ],
)
def test_a_dive_only_asked_about_is_no_emergency(question: str) -> None:
    assert doctor_call(question) == (False, None)
    assert "decompression_sickness" not in first_aid_categories([], [question])


# A spiked drink gets poisoning first aid (drink_spiked_rule_2026-12-04q.md); written after the
# change.
@pytest.mark.parametrize(
    "turn",
    [
        "someone slipped something into my girlfriend's cocktail, she is barely awake",
        "朋友酒吧里喝的酒被人下了药，叫不醒",
    ],
)
def test_a_spiked_drink_gets_poisoning_first_aid_first(turn: str) -> None:
    assert first_aid_categories(["altered_consciousness"], [turn]) == [
        "poisoning_overdose",
        "altered_consciousness",
    ]


def test_heavy_drinking_alone_is_not_a_spiked_drink() -> None:
    turn = ["my mate got really drunk on buckets in Koh Phangan and is now unconscious"]
    assert first_aid_categories(["altered_consciousness"], turn) == ["altered_consciousness"]
