"""Bali's best-known areas name Bali, so a turn from there carries Bali's facts and Indonesia's
emergency numbers (bali_places_rule_2026-12-06.md: "bitten by a monkey at Uluwatu temple" got
the generic 112/911/120). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb


@pytest.mark.parametrize(
    "text",
    [
        "surf lesson in Canggu tomorrow, any reef cuts advice?",
        "我们住在努沙杜瓦的酒店，孩子晒伤了",
        "sunset dinner in Jimbaran, which seafood is local?",
        "从登巴萨机场打车要多久",
        "a dog chased us on the beach at Sanur",
    ],
)
def test_a_bali_area_names_bali(text: str) -> None:
    assert "bali" in [d.id for d in load_kb().find(text)]


@pytest.mark.parametrize("text", ["two days on Lombok, what's there?", "去蓝梦岛浮潜要注意什么"])
def test_another_island_is_not_bali(text: str) -> None:
    assert "bali" not in [d.id for d in load_kb().find(text)]
