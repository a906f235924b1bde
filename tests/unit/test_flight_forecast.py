"""A flight asked about ahead ("会不会取消", "will it be delayed") gets where to check its status
and, only if it is cancelled, what to do; a cancellation or delay told as happened keeps the
rights line (flight_forecast_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import kb_facts_answer

FORECASTS = (
    "后天飞厦门，台风要来了，航班会延误吗",
    "暴雨天飞机会不会取消啊，明天下午飞广州",
    "heavy fog in Shanghai tonight, will our flight be delayed tomorrow morning?",
    "is there a chance my flight to Seoul gets cancelled with this typhoon?",
)
HAPPENED = (
    "飞昆明的航班延误了三个小时，航空公司会不会赔偿",
    "the airline cancelled our flight to Bangkok, what now?",
    "我们去杭州的航班因为大雾取消了",
)


def forecast_said(text: str) -> bool:
    said = kb_facts_answer(text, [], "transport").text
    return ("no live flight" in said) or ("实时的航班" in said)


def rights_said(text: str) -> bool:
    said = kb_facts_answer(text, [], "transport").text
    return ("rebook you on the next flight" in said) or ("改签下一班" in said)


@pytest.mark.parametrize("text", FORECASTS)
def test_a_forecast_gets_check_the_status_not_the_rights_line(text: str) -> None:
    assert forecast_said(text)
    assert not rights_said(text)


@pytest.mark.parametrize("text", HAPPENED)
def test_a_disruption_told_as_happened_keeps_the_rights_line(text: str) -> None:
    assert rights_said(text)
    assert not forecast_said(text)


def test_only_transport_says_it() -> None:
    text = "后天飞厦门，台风要来了，航班会延误吗"
    said = kb_facts_answer(text, [], "practicalities").text
    assert "实时的航班" not in said
