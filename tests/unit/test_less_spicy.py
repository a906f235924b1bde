"""Asking for less heat is avoiding spice (less_spicy_rule_2026-12-06g.md): the dishes are marked
as never checked for it. "Light" food (清淡) is not. Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.food_answer import food_checks


@pytest.mark.parametrize(
    "question",
    [
        "重庆这边有没有不那么辣的夜宵",
        "桂林米粉能做得没那么辣吗，还有别的推荐吗",
        "Anything a bit less spicy for dinner in Chengdu tonight?",
        "My dad wants Thai food that's not that spicy, ideas in Phuket?",
    ],
)
def test_less_heat_asked_is_avoiding_spice(question: str) -> None:
    assert "spice" in food_checks(question)


@pytest.mark.parametrize(
    "question",
    ["想吃清淡点的，苏州有什么", "重庆小面辣不辣", "where's the hottest curry in Bangkok?"],
)
def test_light_food_or_a_how_hot_ask_is_not(question: str) -> None:
    assert "spice" not in food_checks(question)
