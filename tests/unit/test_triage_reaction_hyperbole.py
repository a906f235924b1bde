"""Laughter and a price's shock are hyperbole, not an emergency (veto_framing.yaml `reaction`).

Phrasings written after the change; the rules are the real red-flag rules, a fixed calm read
stands in for the classifier (the classifier and detectors still guard every veto), and an
emergency told beside laughter or a bill keeps its alarm whenever anything reads it."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.safety import check_turn
from graph.triage.veto import RulesVeto, framing_cues
from tests.unit.test_triage_veto_framing import FixedRead

HYPERBOLE = [
    "laughed so hard at the puppet show in Prague I stopped breathing lol, when is the next one?",
    "看到这家民宿的价格我直接晕倒，西湖边有没有便宜点的",
    "I literally passed out at the prices in this Oslo supermarket, where do students shop?",
]
REAL = [
    "he was laughing and then suddenly can't breathe and his lips are blue",
    "我妈看到账单后突然晕倒了，叫不醒",
]


def veto(read: FixedRead | None = None) -> RulesVeto:
    return RulesVeto(read or FixedRead(), below=0.01, framing_below=0.3)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", HYPERBOLE)
def test_hyperbole_from_laughter_or_a_price_is_not_escalated_when_nothing_reads_an_emergency(
    text: str,
) -> None:
    verdict = check_turn(text)
    assert verdict.emergency  # the rule still raises it: the veto, not a rule edit, drops it
    assert framing_cues().search(text)
    assert veto().overrules(verdict, [HumanMessage(text)])


@pytest.mark.parametrize("text", [*HYPERBOLE, *REAL])
def test_the_classifier_reading_an_emergency_keeps_it(text: str) -> None:
    worried = FixedRead({"emergency": 0.5, "self_harm": 0.0})
    assert not veto(worried).overrules(check_turn(text), [HumanMessage(text)])
