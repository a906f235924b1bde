"""A burn from a hot-water bottle, heat pad or electric blanket is read as a burn, so a deep one
in an elder calls now; 暖宝宝 (a heat pad) is no baby (contact_heat_burn_rule_2026-12-04q.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import AGE, card_asks
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "爷爷九十了，热水袋放被窝里贴着脚睡了一晚，脚后跟一块发白起泡，不疼",
        "外婆用了一晚上暖水袋，膝盖上一片皮发白起疱，说没感觉",
    ],
)
def test_a_deep_contact_burn_in_an_elder_calls_now(question: str) -> None:
    answer = asked_alone(question)
    assert answer.kind == "emergency_card"
    assert answer.cards[:1] == ("severe_burn",)


def test_a_heat_pad_called_nuan_baobao_is_no_baby() -> None:
    question = "暖宝宝贴着睡了一夜，肚子上红了一块，有个小水泡，有点疼"
    assert AGE not in card_asks().found(question)
    assert asked_alone(question).cards[:1] == ("minor_burn_scald",)
