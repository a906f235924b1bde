"""Two misreads of what is asked (ask_misreads_rule_2026-12-07g.md): "take" in a how-long ask is
no medicine taken, and a time counted as an ask ("要多少天能退") is a question with no "?"."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.medical_questions import question_kinds


@pytest.mark.parametrize(
    "question",
    [
        "how many days will this heat rash take to calm down",
        "How many weeks does a fungal nail take to clear up?",
        "how much time do coral cuts take to close",
        "我女儿脸上的湿疹 how many days it take to get better",
    ],
)
def test_take_in_a_how_long_ask_is_no_dose(question: str) -> None:
    assert not question_kinds().asks_for_dose(question)


@pytest.mark.parametrize(
    "question",
    [
        "how many loratadine can I take a day",
        "how much ibuprofen is safe to take for a sunburn",
        "How many Zyrtec should my daughter take?",
        "how much antihistamine syrup do kids take",
        "how many more tablets do I need",
        "扑尔敏一次吃几片",
    ],
)
def test_a_medicine_taken_is_still_a_dose_ask(question: str) -> None:
    assert question_kinds().asks_for_dose(question)


@pytest.mark.parametrize(
    "question",
    [
        "脚踝上一圈蚊子包 多少天能消",
        "晒伤起皮了 几个星期能好",
        "heat rash on my neck how many days for it to fade",
        "被臭虫咬的包 几天能退",
    ],
)
def test_a_time_counted_with_no_question_mark_asks_how_long(question: str) -> None:
    assert "duration" in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "前几天在海边被水母蜇了一下",
        "被蚊子咬了好多天了 今天起了水泡",
    ],
)
def test_a_time_told_is_no_how_long_ask(question: str) -> None:
    assert "duration" not in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "eczema flare on my wrists, how many weeks until it calms down?",
        "How much time before these flea bites stop itching?",
    ],
)
def test_a_how_long_ask_counts_weeks_hours_or_time(question: str) -> None:
    assert "duration" in card_asks().found(question)


@pytest.mark.parametrize(
    "text",
    ["火车坐了二十几个小时，背上长了一片小红疹", "晒了几个小时太阳，肩膀红了一大片"],
)
def test_several_hours_told_is_no_question(text: str) -> None:
    assert not card_asks().is_question(text)
