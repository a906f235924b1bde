"""A follow-up on an animal's bite or scratch that asks about rabies or tetanus care stays with
the doctor, and "N days ago" is a time, not a trip length
(rabies_follow_up_route_rule_2026-12-06e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from graph.routing.classifier_router import ClassifierRouter


def route_follow_up(first: str, follow_up: str) -> tuple[str, ...]:
    messages = [HumanMessage(first), AIMessage("(the doctor's answer)", name="medical"),
                HumanMessage(follow_up)]  # fmt: skip
    return ClassifierRouter().route(messages).experts


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("a macaque swiped at my hand in Ubud and broke the skin",
         "that was 5 days ago, am I still in time for the rabies shots?"),
        ("在芭提雅被流浪猫抓破了手背", "是4天前的事了，现在去打狂犬疫苗还有用吗"),
        ("cut my shin on a rusty fence in Cusco",
         "my tetanus booster was 15 years ago, should I worry?"),
    ],
)  # fmt: skip
def test_a_rabies_or_tetanus_follow_up_stays_with_the_doctor(first: str, follow_up: str) -> None:
    assert "medical" in route_follow_up(first, follow_up)


def test_a_trip_of_days_still_cues_the_itinerary() -> None:
    experts = ClassifierRouter().route([HumanMessage("could you plan 4 days in Kyoto for us")])
    assert experts.experts[:1] == ("itinerary",)
