"""A wallet, cards or cash lost or stolen bring the practicalities expert, which leads and says
what to do now (block the cards, a police report, money from home); the doctor the classifier
chose for "…丢了怎么办" is not asked, and "护照还在" beside it asks no visa
(lost_wallet_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.kb_answer import experts_joining, kb_facts_answer
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter

LOST = (
    "my wallet was stolen outside the Louvre in Paris, what do I do first",
    "银行卡在香港地铁上被偷了",
    "钱包找不到了，护照倒是在身上，在首尔",
)
NOT_LOST = (
    "钱包被掏空了，澳门有什么便宜的小吃",
    "is it safe to carry cash in Hanoi?",
    "can I pay with a credit card at Tokyo convenience stores?",
)


def led(text: str) -> RouteDecision:
    router = TriageRouter(default_triage_classifier(), second_expert=0.3)
    doctor = RouteDecision(("medical",), "fixed", primary="medical")
    return router.with_second_experts(doctor, {"medical": 0.6}, [HumanMessage(text)])


@pytest.mark.parametrize("text", LOST)
def test_a_lost_wallet_brings_practicalities_and_the_doctor_is_not_asked(text: str) -> None:
    decision = led(text)
    assert decision.experts == ("practicalities",)
    assert decision.primary == "practicalities"


@pytest.mark.parametrize("text", NOT_LOST)
def test_money_talk_brings_nobody(text: str) -> None:
    assert experts_joining(text) == set()
    assert led(text).experts == ("medical",)


def test_a_health_complaint_keeps_the_doctor() -> None:
    decision = led("got mugged in Rome, they took my wallet and my wrist is swollen and bruised")
    assert "medical" in decision.experts
    assert decision.primary == "medical"


def test_the_answer_says_what_to_do_and_no_visa_line() -> None:
    said = kb_facts_answer("钱包找不到了，护照倒是在身上，在首尔", [], "practicalities").text
    assert "挂失、冻结所有卡" in said
    assert "112 (police)" in said  # Seoul's police number, for the report
    assert "签证" not in said
    paris = kb_facts_answer(LOST[0], [], "practicalities").text
    assert "block or freeze every card" in paris
    assert "where cards are accepted" not in paris  # card_or_cash is not asked
