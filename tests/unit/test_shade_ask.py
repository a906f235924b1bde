"""A shade ask gets what the KB can say about shade: its indoor highlights (or plainly none) and
the NHS / AAD sun note, never a beach called shaded; a places ask sent to the accommodation expert
with no lodging word gets the places, not the lodging answer (prompts/interests.yaml `shade`,
agents/kb_led.py; evals/travel/results/h131_shade_ask_rule_2026-12-07h.md). Phrasings written
after the change."""

from __future__ import annotations

import pytest

from agents.interests import asked_interests
from agents.kb_led import kb_led_answer

SHADE_ASKS = [
    ("my arms got burnt yesterday, anywhere shady to hang out in Bangkok?", "en"),
    ("在新加坡想找个晒不到的地方待一下午，有吗", "zh"),
    ("香港今天太阳好毒，有什么阴凉的去处", "zh"),
]


@pytest.mark.parametrize(("text", "lang"), SHADE_ASKS)
def test_a_shade_ask_is_read_as_one(text: str, lang: str) -> None:
    assert asked_interests(text) == ("shade",)
    answer = kb_led_answer("itinerary", [text], True)
    assert answer is not None
    note = "doesn't record which beaches" if lang == "en" else "没有记录哪片海滩"
    assert note in answer.text
    assert ("SPF 30+" if lang == "en" else "SPF30") in answer.text


def test_indoor_highlights_are_listed_as_out_of_the_sun() -> None:
    text = "Singapore is scorching, any shade for the afternoon?"
    answer = kb_led_answer("itinerary", [text], True)
    assert answer is not None
    assert "out of the sun (indoors)" in answer.text.splitlines()[0]
    assert "Hawker centres" in answer.text.splitlines()[1]


def test_a_places_ask_sent_to_the_accommodation_expert_gets_the_places() -> None:
    answer = kb_led_answer("accommodation", ["普吉岛晒得受不了，哪里有阴凉可以躲一躲"], True)
    assert answer is not None
    assert answer.kind == "sights_list"
    assert "住宿" not in answer.text.splitlines()[0]


@pytest.mark.parametrize(
    "text",
    [
        "a guesthouse in Bali with a shady courtyard, which area?",
        "三亚住哪里离海滩近，最好酒店有树荫",
    ],
)
def test_a_lodging_ask_naming_shade_keeps_the_lodging_answer(text: str) -> None:
    answer = kb_led_answer("accommodation", [text], True)
    assert answer is not None
    assert answer.kind != "sights_list"


def test_a_rain_ask_keeps_the_indoor_interest() -> None:
    assert asked_interests("if it rains on day 2 in Seoul, what can we do instead?") == ("indoor",)


@pytest.mark.parametrize(
    "text",
    [
        "which part of Chiang Mai is a good base with two small kids?",
        "带老人去桂林，找个方便的落脚点，离景点近一点",
    ],
)
def test_an_interest_that_is_no_shade_or_rain_keeps_the_lodging_answer(text: str) -> None:
    """Amendment 1: only an ask for somewhere out of the sun or the rain leaves lodging."""
    answer = kb_led_answer("accommodation", [text], True)
    assert answer is not None
    assert answer.kind != "sights_list"
