""" "Visa" the card brand is no visa ask: a card question gets the cards line, not the
destination's visa note (card_brand_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import kb_facts_answer


@pytest.mark.parametrize(
    "text",
    [
        "will my Visa debit card work in Seoul?",
        "在曼谷刷visa信用卡方便吗",
        "Singapore: Visa/Mastercard ok?",
    ],
)
def test_the_card_brand_gets_the_cards_line(text: str) -> None:
    said = kb_facts_answer(text, [], "practicalities").text
    assert "签证" not in said
    assert "entry rules" not in said
    assert "immigration" not in said
    assert "刷卡" in said or "card" in said


@pytest.mark.parametrize(
    "text", ["do Chinese tourists need a visa for Seoul?", "去新加坡需要签证吗"]
)
def test_a_visa_ask_still_gets_the_visa_line(text: str) -> None:
    said = kb_facts_answer(text, [], "practicalities").text
    assert "签证" in said or "visa" in said.lower()
