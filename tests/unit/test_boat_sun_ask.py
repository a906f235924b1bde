"""A boat trip asked about after a sunburn is the sun ask: the sunburn card's sun line comes first;
a boat trip with no sun said, or told as where the sunburn happened, is not
(boat_sun_rule_2026-12-05d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks

SUN = "sun"


@pytest.mark.parametrize(
    "question",
    [
        "胳膊晒伤起泡了，明天还能去坐船出海浮潜吗",
        "my kids got sunburnt at the pool, can they still come on the sunset cruise tonight?",
        "晒得脱皮了，今天的游船行吗",
    ],
)
def test_a_boat_trip_after_a_sunburn_is_the_sun_ask(question: str) -> None:
    assert SUN in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "got sunburnt on the boat trip yesterday, my back is peeling",
        "can we still take the ferry to Lantau with the baby's eczema?",
        "坐船出海会晕船吗",
    ],
)
def test_a_boat_said_otherwise_is_not(question: str) -> None:
    assert SUN not in card_asks().found(question)
