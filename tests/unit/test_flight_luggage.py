"""A cancelled or delayed flight and a lost or damaged checked bag bring the transport expert,
which leads and says what to do; a doctor the classifier chose for "cancelled … what now" is
not asked (flight_luggage_rule_2026-12-06h.md, lost_wallet_rule_2026-12-06i.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.kb_answer import kb_facts_answer
from agents.kb_gap import gap_answer
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter

DISRUPTED = (
    "the airline scrapped our 9am flight to Hanoi, now what",
    "去首尔的航班因为台风延误到明天了",
    "got bumped from my flight to Lisbon because they oversold it",
)
BAGS = (
    "two days in Kyoto and my suitcase still hasn't arrived",
    "托运的行李箱到了悉尼发现轮子被摔坏了",
)
NEITHER = (
    "which airline flies direct from Guangzhou to Bali?",
    "行李箱可以带几件上飞机",
    "someone stole my suitcase from the hostel in Hanoi",
    "do I need to cancel my flight to Seoul if my visa is late? can I cancel for free",
)


def led(text: str) -> RouteDecision:
    router = TriageRouter(default_triage_classifier(), second_expert=0.3)
    doctor = RouteDecision(("medical",), "fixed", primary="medical")
    return router.with_second_experts(doctor, {"medical": 0.6}, [HumanMessage(text)])


@pytest.mark.parametrize("text", DISRUPTED + BAGS)
def test_a_disrupted_flight_or_a_lost_bag_brings_transport_to_lead(text: str) -> None:
    decision = led(text)
    assert decision.experts == ("transport",)
    assert decision.primary == "transport"


@pytest.mark.parametrize("text", NEITHER)
def test_other_flight_and_bag_talk_brings_nobody(text: str) -> None:
    decision = led(text)
    assert decision.experts == ("medical",)
    assert decision.primary == "medical"


def test_a_health_complaint_keeps_the_doctor_leading() -> None:
    decision = led("flight to Osaka cancelled and my ankles have swollen up badly, what now")
    assert decision.experts == ("transport", "medical")
    assert decision.primary == "medical"


def test_the_answer_says_what_to_do_once() -> None:
    flight = "the airline scrapped our 9am flight to Hanoi, now what"
    said = kb_facts_answer(flight, [], "transport").text
    assert "rebook you on the next flight or refund" in said
    assert "EU Regulation 261/2004" in said
    assert "rebook you" not in kb_facts_answer(flight, [], "practicalities").text
    bag = "托运的行李箱到了悉尼发现轮子被摔坏了"
    assert "《蒙特利尔公约》第31条" in kb_facts_answer(bag, [], "transport").text
    # no KB city: the transport expert's gap answer says it, the others' do not repeat it
    lost = "my checked bag never came out at the airport, what do I do?"
    assert "Property Irregularity Report" in gap_answer("transport", lost).text
    assert "Property Irregularity Report" not in gap_answer("practicalities", lost).text
