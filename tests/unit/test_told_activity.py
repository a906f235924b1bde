"""An activity told as what happened is not asked about; one asked stays an ask, and "can I get it
out myself?" is the `remove` ask, answered from the card's own care and don't lines
(told_activity_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.knowledge.conditions import load_conditions

REMOVE = "remove"


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("在芭提雅冲浪的时候膝盖被礁石划破了，用不用打破伤风？", "swim"),
        ("Got these itchy red bumps after snorkelling in Bali, what are they?", "dive"),
        ("飞机上被什么虫子咬了一口，肿了个大包，要紧吗", "fly"),
        (
            "my daughter was stung by something while swimming at the beach, should I use vinegar?",
            "swim",
        ),
    ],
)
def test_an_activity_told_as_what_happened_is_not_asked(question: str, told: str) -> None:
    assert told not in card_asks().found(question)


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("浮潜的时候被珊瑚划了，过两天还能下水吗", "swim"),
        ("scraped my leg while diving, is it safe to dive again on Friday?", "dive"),
        ("出了水痘的孩子下个月能坐飞机吗", "fly"),
        ("We're going snorkeling tomorrow and I have a cold sore, is that OK?", "dive"),
    ],
)
def test_an_activity_asked_stays_an_ask(question: str, asked: str) -> None:
    assert asked in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "脚底扎了根刺，能不能用针挑出来",
        "is it OK to pull the stinger out with my fingers?",
        "海胆刺要不要夹出来",
    ],
)
def test_getting_it_out_is_asked(question: str) -> None:
    assert REMOVE in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "这个疹子是怎么弄出来的？",
        "昨天自己把刺挑出来了，现在有点红肿怎么办",
        "can I take an antihistamine for it?",
    ],
)
def test_getting_it_out_told_or_not_said_is_not(question: str) -> None:
    assert REMOVE not in card_asks().found(question)


def test_getting_it_out_quotes_the_cards_care_then_its_dont() -> None:
    urchin = load_conditions().get("sea_urchin")
    advice = card_asks().advice(urchin, REMOVE, "zh") or ""
    assert advice.index("镊子") < advice.index("深挖")
    assert "tweezers" in (card_asks().advice(urchin, REMOVE, "en") or "")


def test_popping_still_quotes_only_the_donts() -> None:
    blisters = load_conditions().get("friction_blisters")
    assert "挖空" not in (card_asks().advice(blisters, "pick", "zh") or "")
