"""A diet kept or no spice asked beside a food ask, nobody unwell, is no emergency for the nets;
an emergency told beside diet words stays one, and so does a food allergy, which is the doctor's to
read (h135_travel_lane_rule_2026-12-07i.md, fix A). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.food_answer import keeps_diet_asking_food
from graph.routing.base import RouteDecision
from graph.triage.router import about_diet_only
from tests.unit.test_urgent_care import FixedRouter, router, scores

DIET_ASKS = [
    "Penang street food ideas? my girlfriend can't handle spicy and I'm vegan",
    "去广州玩，我们不能吃辣，也不吃猪肉，有什么特色小吃",
    "what's good to eat in Hoi An if you're gluten free and hate spicy food?",
]


@pytest.mark.parametrize("text", DIET_ASKS)
def test_a_nets_emergency_on_a_diet_told_beside_a_food_ask_is_dropped(text: str) -> None:
    assert about_diet_only([HumanMessage(text)])
    decision = router(("emergency",), scores(0.8, 0.05)).route([HumanMessage(text)])
    assert decision.experts != ("emergency",)


@pytest.mark.parametrize("text", DIET_ASKS)
def test_the_older_routers_emergency_class_is_dropped_too(text: str) -> None:
    older = FixedRouter(RouteDecision(("emergency",), "classifier: emergency", {}))
    from graph.routing.classifier_router import ClassifierRouter

    class Older(ClassifierRouter):
        """The older router, its emergency class fired; without it, food."""

        def route(self, messages, without=()):  # type: ignore[no-untyped-def, override]
            if "emergency" in without:
                return RouteDecision(("food_culture",), "food", {}, None, "food_culture")
            return older.decision

    decision = router(("food_culture",), scores(0.05, 0.05), Older()).route([HumanMessage(text)])
    assert decision.experts != ("emergency",)


@pytest.mark.parametrize(
    "text",
    [
        "we're vegetarian, what to eat in Ipoh? my mum just fainted at the table and won't wake up",
        "不吃辣，在夜市吃完东西我老公突然喘不上气，脸都肿了",
    ],
)
def test_a_complaint_beside_the_diet_keeps_the_nets_emergency(text: str) -> None:
    assert not about_diet_only([HumanMessage(text)])
    decision = router(("emergency",), scores(0.8, 0.05)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


def test_a_food_allergy_is_no_diet_preference() -> None:
    assert not keeps_diet_asking_food(
        "my daughter has a peanut allergy, what can she eat in Hanoi?"
    )
    assert not keeps_diet_asking_food("对虾过敏，去湛江吃什么")


def test_a_diet_without_a_food_ask_is_not_read() -> None:
    assert not keeps_diet_asking_food("I'm vegan and my chest hurts")
