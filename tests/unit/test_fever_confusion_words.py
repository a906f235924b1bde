"""An older person with a fever told by touch or in everyday words, and confusion told beside it,
is call-now (with the confusion first aid when a fever word is told); a forehead a little warm
on a well child, or confusion about a question, is none
(fever_confusion_words_rule_2026-12-07f.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "text",
    [
        "外婆发烧两天了，今天人有些糊涂，说话前言不搭后语",
        "我婆婆烧到三十九度，人也糊里糊涂，连我都认不太清了",
        "Nana's temperature is up and she's muddled, not making sense",
    ],
)
def test_a_fever_word_and_confusion_call_now_without_heatstrokes_card(text: str) -> None:
    assert doctor_call(text) == (True, "altered_consciousness"), text


@pytest.mark.parametrize(
    "text",
    [
        "姥爷额头很烫，人也有点糊涂了，一直问现在几点",
        "Mum is burning up and she seems all muddled",
    ],
)
def test_a_body_felt_hot_and_confusion_call_now(text: str) -> None:
    """A hot forehead or "burning up" is heatstroke's sign as much as a fever's: whichever card
    leads, the call is now (amendment 2)."""
    assert doctor_call(text)[0], text


def test_heat_told_still_leads_with_heatstroke() -> None:
    calls, category = doctor_call("在沙漠里走了一整天，爸爸额头滚烫，人也糊涂了")
    assert calls
    assert category == "heat_stroke"


@pytest.mark.parametrize(
    "text",
    [
        "我也有点糊涂了，退烧药要隔几个小时吃？",
        "宝宝额头有点烫，吃奶玩耍都正常",
        "I had a fever last night and now I'm confused about which tablets to take",
    ],
)
def test_no_confused_person_no_call_now(text: str) -> None:
    assert not doctor_call(text)[0], text
