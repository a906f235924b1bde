"""A net's emergency on a turn about a flight, a bag or a passport that says nobody's health is
wrong is no emergency; with a complaint, or self-harm, it stays (logistics_net_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.triage.router import about_logistics_only
from tests.unit.test_urgent_care import router, scores


@pytest.mark.parametrize(
    "text",
    [
        "our luggage turned up in Seoul with the zip ripped off, how do we claim?",
        "飞广州的航班取消了，急死人了，怎么改签",
        "someone stole my passport in Barcelona, I'm freaking out",
    ],
)
def test_a_nets_emergency_on_logistics_alone_is_dropped(text: str) -> None:
    assert about_logistics_only([HumanMessage(text)])
    decision = router(("emergency",), scores(0.8, 0.05)).route([HumanMessage(text)])
    assert decision.experts != ("emergency",)


@pytest.mark.parametrize(
    "text",
    [
        "flight got cancelled and my wife just collapsed at the gate, she isn't responding",
        "行李丢了，孩子在机场突然抽搐起来了",
    ],
)
def test_a_complaint_beside_the_flight_keeps_the_nets_emergency(text: str) -> None:
    assert not about_logistics_only([HumanMessage(text)])
    decision = router(("emergency",), scores(0.8, 0.05)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


def test_self_harm_beside_a_lost_bag_is_never_dropped() -> None:
    turn = [HumanMessage("the airline lost my suitcase and I really don't want to be alive now")]
    decision = router(("self_harm",), scores(0.1, 0.05, 0.9)).route(turn)
    assert (decision.experts, decision.category) == (("emergency",), "self_harm")
