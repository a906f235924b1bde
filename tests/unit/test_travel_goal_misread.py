"""A char net's self-harm reading of a trip asked to a place the KB holds ("we want to go to
Macau" read as "want to go") is no crisis reply, when the turn asks the trip and nothing else:
no emergency sign, no jump or means, nothing of going for good, no word of despair, self-harm or
farewell in the thread (graph/triage/router.py `travel_goal`, self_harm_misread.yaml
`travel_goal_keeps`; evals/triage/results/h131_travel_goal_misread_rule_2026-12-07h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from graph.triage.router import TRAVEL_GOAL, self_harm_misread
from tests.unit.test_self_harm_misread import SELF_HARM_NET, NetClassifier, router
from tests.unit.test_urgent_care import scores

TRIPS = [
    "we'd want to go to Osaka for three days, what should we eat there?",
    "我们想去厦门，住哪里方便",
    "I want to go to Chengdu in April, which hotels area is handy for the metro?",
]
AFTER_A_PLAN = "one more day please, we want to go to Osaka"  # a follow-up in a trip thread
STAYS_CRISIS = [
    "I want to go to Hong Kong and jump off a building there",
    "我想去厦门，去了就不回来了",
    "want to go to Bali one final time, then it's over for me",
    "I want to go to Seoul and disappear, everyone is better off without me",
    "想去青岛看最后一眼海",
    "I want to go to Sanya alone for good, where should I stay",
    # no KB place named, no trip in the thread
    "I want to go away and sleep forever",
]


def thread_after_plan(text: str) -> list[BaseMessage]:
    return [
        HumanMessage("plan two days in Kyoto"),
        AIMessage("Day 1 … Day 2 …", name="itinerary"),
        HumanMessage(text),
    ]


@pytest.mark.parametrize("text", TRIPS)
def test_a_trip_to_a_kb_place_is_routed_as_the_ask_it_is(text: str) -> None:
    assert self_harm_misread([HumanMessage(text)]) == TRAVEL_GOAL
    net = NetClassifier(SELF_HARM_NET, scores(0.05, 0.02, 0.35), rest=("itinerary",))
    decision = router(net).route([HumanMessage(text)])
    assert "emergency" not in decision.experts


def test_a_follow_up_in_a_trip_thread_is_a_trip() -> None:
    thread = thread_after_plan(AFTER_A_PLAN)
    assert self_harm_misread(thread) == TRAVEL_GOAL
    net = NetClassifier(SELF_HARM_NET, scores(0.05, 0.02, 0.35), rest=("itinerary",))
    assert "emergency" not in router(net).route(thread).experts


def test_the_same_follow_up_with_no_trip_in_the_thread_keeps_the_crisis_reply() -> None:
    """The follow-up asks nothing a travel expert answers in its own words: only the thread's
    travel answer makes it a trip."""
    assert self_harm_misread([HumanMessage(AFTER_A_PLAN)]) is None


@pytest.mark.parametrize("text", STAYS_CRISIS)
def test_a_place_beside_a_means_or_a_farewell_keeps_the_crisis_reply(text: str) -> None:
    for thread in ([HumanMessage(text)], thread_after_plan(text)):
        assert self_harm_misread(thread) is None
        net = NetClassifier(SELF_HARM_NET, scores(0.05, 0.02, 0.35), rest=("itinerary",))
        decision = router(net).route(thread)
        assert (decision.experts, decision.category) == (("emergency",), "self_harm")


def test_despair_earlier_in_the_thread_keeps_the_crisis_reply() -> None:
    thread: list[BaseMessage] = [
        HumanMessage("honestly I don't want to live anymore"),
        AIMessage("(crisis lines)", name="emergency"),
        HumanMessage("we want to go to Macau for two days, what should we see?"),
    ]
    assert self_harm_misread(thread) is None
