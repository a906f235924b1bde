"""A bullseye rash leads the tick card's answer with Lyme disease and a doctor, before the
tick-removal steps (bullseye_note_rule_2026-12-06.md: served e20 led with "remove it as soon as
possible" for a tick nobody found). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor

NOTE = {"en": "**A bullseye rash**", "zh": "**靶形（牛眼样）红斑**"}
# the care heading of a named card's answer, or of a can't-tell answer listing the tick card
CARE = {
    "en": ("**What you can do**", "**Until you know"),
    "zh": ("**可以这样做**", "**弄清楚之前**"),
}


def _answer(question: str) -> tuple[tuple[str, ...], str]:
    answer = CardLedDoctor(0.1).answer([HumanMessage(question)], [question])
    return answer.cards, answer.text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("noticed a bullseye rash on my calf two weeks after hiking in the Austrian Alps", "en"),
        ("去新西兰徒步回来十天，小腿上有个牛眼样的红斑，一天比一天大", "zh"),
        # written after the can't-tell answer learnt the note (a bullseye told with few words)
        ("bull's-eye looking mark on my hip, we were walking in long grass in Scotland", "en"),
        ("孩子肚子上一个靶心一样的红圈，上周去郊外露营了", "zh"),
    ],
)
def test_a_bullseye_rash_says_lyme_and_a_doctor_before_the_tick_steps(
    question: str, lang: str
) -> None:
    cards, text = _answer(question)
    assert "tick_bite" in cards
    assert NOTE[lang] in text
    care = min(text.index(c) for c in CARE[lang] if c in text)
    assert text.index(NOTE[lang]) < care


@pytest.mark.parametrize(
    "question",
    [
        "pulled a tick off my ankle after the forest walk, the head might still be in",
        "腿上有一圈红色的环，边上起皮很痒，家里新养了猫",
    ],
)
def test_no_bullseye_no_note(question: str) -> None:
    _cards, text = _answer(question)
    assert NOTE["en"] not in text
    assert NOTE["zh"] not in text
