"""A booking the hotel or host cancelled, overbooked or cannot find brings the lodging expert,
which says what to do (confirmation, an equivalent room, the platform, the card issuer, the
insurer); the traveller's own cancelling and a worry ahead are not it
(booking_cancelled_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.kb_answer import experts_joining
from agents.kb_led import kb_led_answer
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter

CANCELLED = (
    "the guesthouse in Dali cancelled our reservation this morning",
    "厦门的酒店前台说查不到我的预订",
)


@pytest.mark.parametrize("text", CANCELLED)
def test_the_lodging_answer_says_what_to_do(text: str) -> None:
    said = str(kb_led_answer("accommodation", [text], True).text)  # type: ignore[union-attr]
    assert "booking-platform rules" in said or "订房平台的规定" in said


def test_it_brings_lodging_to_lead_and_the_doctor_is_not_asked() -> None:
    router = TriageRouter(default_triage_classifier(), second_expert=0.3)
    doctor = RouteDecision(("medical",), "fixed", primary="medical")
    decision = router.with_second_experts(doctor, {"medical": 0.6}, [HumanMessage(CANCELLED[1])])
    assert decision.experts == ("accommodation",)


@pytest.mark.parametrize(
    "text",
    ["how do I cancel my Airbnb in Kyoto?", "我们半夜才到，酒店会不会取消预订", "入住时间是几点"],
)
def test_own_cancelling_or_a_worry_brings_nobody(text: str) -> None:
    assert experts_joining(text) == set()
