"""Alipay or WeChat Pay asked for a destination gets its own tip where the KB has one (Hangzhou),
else a line that the KB has no vetted facts on it, with the currency
(mobile_pay_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import asked_gaps, kb_facts_answer

GAP_LINE = ("手机支付的核实信息", "phone wallets")


def said(text: str) -> str:
    return kb_facts_answer(text, [], "practicalities").text


@pytest.mark.parametrize(
    "text", ["澳门买东西能用微信支付吗", "can we pay with Alipay at the markets in Hanoi?"]
)
def test_a_phone_wallet_ask_gets_the_gap_line_and_the_currency(text: str) -> None:
    answer = said(text)
    assert any(line in answer for line in GAP_LINE)
    assert "MOP" in answer or "VND" in answer


def test_a_destination_tip_on_it_is_shown_instead() -> None:
    answer = said("在杭州，外国朋友能用支付宝吗")
    assert "绑定境外银行卡" in answer
    assert not any(line in answer for line in GAP_LINE)


@pytest.mark.parametrize("text", ["到了东京加我微信聊", "can you wechat me the Osaka plan?"])
def test_wechat_as_a_messenger_asks_no_payment(text: str) -> None:
    assert not any(str(g.get("en", "")).endswith("some local cash.") for g in asked_gaps(text))
