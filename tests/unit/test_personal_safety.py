"""Personal safety asked (out at night, alone, as a woman) gets the practicalities expert's
sourced general advice and the destination's emergency numbers; food, water, medicine and a
fire exit are no such ask; the topic brings practicalities, leading over the doctor only, beside
a lodging ask (personal_safety_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.kb_answer import asked_gaps, kb_facts_answer
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter

SAFETY = (
    "my daughter wants to backpack Kyoto solo, is it dangerous for a girl her age?",
    "Singapore at night - safe to stroll back to the hotel on my own?",
    "听说吉隆坡晚上不太安全，女生出门要注意什么",
    "悉尼的治安好吗",
)
NOT_SAFETY = (
    "is it safe to have ice in my drinks in Hanoi?",
    "在台北喝生水安全吗",
    "is it safe to take my malaria tablets at night in Bali?",
    "清迈的酒店房间里有没有安全出口示意图",
    "晚上在大阪吃生鱼片安全吗",
)


def topics(text: str) -> list[str]:
    return [str(g.get("en", ""))[:60] for g in asked_gaps(text, "practicalities")]


@pytest.mark.parametrize("text", SAFETY)
def test_a_personal_safety_ask_gets_the_advice_and_the_police_number(text: str) -> None:
    said = kb_facts_answer(text, [], "practicalities").text
    assert "GOV.UK" in said
    assert ("Emergency numbers" in said) or ("急救/报警电话" in said)
    assert ("safe or unsafe" in said) or ("不说哪里安全" in said)


@pytest.mark.parametrize("text", NOT_SAFETY)
def test_food_water_medicine_and_a_fire_exit_are_no_safety_ask(text: str) -> None:
    assert "GOV.UK" not in kb_facts_answer(text, [], "practicalities").text


def test_only_practicalities_says_it() -> None:
    text = "Singapore at night - safe to stroll back to the hotel on my own?"
    assert "GOV.UK" not in kb_facts_answer(text, [], "transport").text


def route(text: str, primary: str) -> RouteDecision:
    router = TriageRouter(default_triage_classifier(), second_expert=0.3)
    first = RouteDecision((primary,), "fixed", primary=primary)
    return router.with_second_experts(first, {primary: 0.6}, [HumanMessage(text)])


def test_it_leads_over_the_doctor() -> None:
    decision = route("悉尼的治安好吗，晚上一个人出去走走行不行", "medical")
    # no health complaint: the doctor is not asked at all (lost_wallet_rule_2026-12-06i.md)
    assert decision.experts == ("practicalities",)
    assert decision.primary == "practicalities"


def test_it_joins_a_lodging_ask_without_taking_the_lead() -> None:
    decision = route("cheap hostel in Seoul that's safe for a woman on her own?", "accommodation")
    assert set(decision.experts) == {"accommodation", "practicalities"}
    assert decision.primary == "accommodation"
