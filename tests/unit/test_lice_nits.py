"""Nits that will not come off the hair are head lice, not dandruff, even when the person says
they look like dandruff (lice_nits_rule_2026-12-05.md; served read 24 h12). Phrasings written
after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.condition_names import conditions_guessed
from agents.knowledge.conditions import load_conditions


def _cards(question: str) -> tuple[str, ...]:
    return CardLedDoctor(0.1).answer([HumanMessage(question)], [question]).cards


@pytest.mark.parametrize(
    "question",
    [
        "儿子头发上有一颗颗白点，有点像头皮屑，可是用手捋都捋不下来，最近总挠头",
        "looks like dandruff but the white specks won't flick off his hair, he keeps scratching",
    ],
)
def test_specks_that_stay_on_the_hair_lead_with_head_lice(question: str) -> None:
    assert _cards(question)[0] == "head_lice"


@pytest.mark.parametrize(
    "question",
    [
        "头皮屑多得很，一抓就往下掉，黑衣服上都是",
        "dry white flakes that fall onto my jacket whenever I scratch my scalp",
    ],
)
def test_flakes_that_fall_off_stay_dandruff(question: str) -> None:
    assert _cards(question)[0] == "dandruff"


def test_a_likeness_before_a_name_is_a_guess_not_a_statement() -> None:
    cards = load_conditions().cards.values()
    assert "dandruff" in conditions_guessed("看起来像头皮屑，但是粘在头发上", cards)
    assert "dandruff" not in conditions_guessed("我有头皮屑，冬天更多", cards)
