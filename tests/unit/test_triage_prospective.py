"""A question about a risk to come is no emergency now (veto_framing.yaml `prospective`).

Phrasings written after the change; the rules are the real red-flag rules, a fixed calm read
stands in for the classifier (the classifier and detectors still guard every veto)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.safety import check_turn
from graph.triage.veto import RulesVeto, framing_cues
from tests.unit.test_triage_veto_framing import FixedRead

AHEAD = [
    "去西藏自驾，海拔五千米的地方高反会不会很严重？",
    "will snorkelling off Nusa Penida make me drown if the current picks up?",
]
NOW = [
    "会不会是高反加重了？他开始咳粉红色泡沫痰",
    "is this anaphylaxis? her tongue is swollen and she's wheezing",
]


def veto(read: FixedRead | None = None) -> RulesVeto:
    return RulesVeto(read or FixedRead(), below=0.01, framing_below=0.3)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", AHEAD)
def test_a_question_about_what_may_happen_is_not_escalated_when_nothing_reads_an_emergency(
    text: str,
) -> None:
    verdict = check_turn(text)
    assert verdict.emergency  # the rule still raises it: the veto, not a rule edit, drops it
    assert veto().overrules(verdict, [HumanMessage(text)])


@pytest.mark.parametrize("text", AHEAD)
def test_the_classifier_reading_an_emergency_keeps_it(text: str) -> None:
    worried = FixedRead({"emergency": 0.5, "self_harm": 0.0})
    assert not veto(worried).overrules(check_turn(text), [HumanMessage(text)])


@pytest.mark.parametrize("text", NOW)
def test_could_it_be_is_present_doubt_not_a_question_about_later(text: str) -> None:
    verdict = check_turn(text)
    assert verdict.emergency
    assert not framing_cues().search(text)
    assert not veto().overrules(verdict, [HumanMessage(text)])
