"""An expert the router added whose scripted answer repeats word for word one another expert of
the turn gives is quiet, whichever of the two answers first (same_section_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from config.settings import Settings
from tests.unit.test_quiet_second_expert import LedRouter, answered

BOTH = ("transport", "practicalities")


@pytest.mark.parametrize("lead", BOTH)
@pytest.mark.parametrize(
    "text",
    [
        "Kyoto: how much yen in cash should I carry, and can I tap a card on the buses?",
        "去曼谷坐地铁用什么卡，泰铢现金要换多少",
    ],
)
async def test_the_same_kb_block_is_said_once(
    fake_settings: Settings, text: str, lead: str
) -> None:
    ais, streamed = await answered(fake_settings, LedRouter(BOTH, lead), text)
    assert streamed == [lead], text
    assert [m.name for m in ais] == [lead], text


async def test_two_different_answers_both_stay(fake_settings: Settings) -> None:
    text = "how do I get from Shanghai to Suzhou and how long is it?"
    ais, streamed = await answered(fake_settings, LedRouter(BOTH, "transport"), text)
    assert streamed == list(BOTH)
    assert ais[-1].response_metadata["experts"] == list(BOTH)
