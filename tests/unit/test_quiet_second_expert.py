"""An expert the router added, with nothing for the turn, stays out of the reply
(quiet_second_expert_rule_2026-12-06.md). Phrasings written after the change."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.kb_answer import KbAnswer
from agents.quiet_expert import asks_travel, names_health_complaint, travel_has_nothing
from config.settings import Settings
from graph.builder import build_graph
from graph.nodes import added_expert
from graph.routing.base import RouteDecision
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter
from tests.unit.test_graph import run_turn


class LedRouter:
    """Routes every turn to `experts`, led by `lead` (the policy's primary)."""

    def __init__(self, experts: tuple[str, ...], lead: str) -> None:
        self.experts, self.lead = experts, lead

    @property
    def name(self) -> str:
        return "led"

    def route(self, messages: Any) -> RouteDecision:
        return RouteDecision(self.experts, "stub", primary=self.lead)


async def answered(settings: Settings, router: LedRouter, text: str) -> tuple[list, list[str]]:
    """The turn's stored AI messages and the nodes whose answers were streamed."""
    graph = build_graph(
        settings.updated(doctor={"answer": "card_led"}), router=router, checkpointer=InMemorySaver()
    )
    _, chunks = await run_turn(graph, "q", text)
    state = (await graph.aget_state({"configurable": {"thread_id": "q"}})).values
    ais = [m for m in state["messages"] if isinstance(m, AIMessage)]
    streamed = list(dict.fromkeys(meta["langgraph_node"] for _, meta in chunks))
    return ais, streamed


FOOD_THEN_DOCTOR = LedRouter(("food_culture", "medical"), "food_culture")


async def test_the_doctors_bare_referral_stays_out_of_a_food_turn(
    fake_settings: Settings,
) -> None:
    for text in (
        "在成都吃串串，可我一点花椒都碰不了，怎么点菜",
        "Eating in Chongqing next week but chilli is a no-go for me — how do I order?",
    ):
        ais, streamed = await answered(fake_settings, FOOD_THEN_DOCTOR, text)
        assert streamed == ["food_culture"], text
        assert [m.name for m in ais] == ["food_culture"], text
        assert not str(ais[0].content).startswith("## "), text  # kept as it was streamed


async def test_a_real_complaint_beside_the_food_keeps_the_doctor(fake_settings: Settings) -> None:
    for text in (
        "在成都吃串串有什么推荐，还有我这两天牙龈疼得厉害",
        "What should I eat in Chongqing? Also my tooth hurts since the flight",
    ):
        ais, streamed = await answered(fake_settings, FOOD_THEN_DOCTOR, text)
        assert streamed == ["food_culture", "medical"], text
        assert ais[-1].response_metadata["experts"] == ["food_culture", "medical"], text


async def test_the_lead_doctor_is_never_quiet(fake_settings: Settings) -> None:
    router = LedRouter(("food_culture", "medical"), "medical")
    ais, streamed = await answered(fake_settings, router, "在成都吃串串，可我一点花椒都碰不了")
    assert streamed == ["food_culture", "medical"]
    assert ais[-1].response_metadata["experts"] == ["food_culture", "medical"]


DOCTOR_LED = LedRouter(("itinerary", "medical"), "medical")


async def test_a_sights_list_nobody_asked_for_stays_out_of_a_doctor_led_turn(
    fake_settings: Settings,
) -> None:
    ais, streamed = await answered(
        fake_settings, DOCTOR_LED, "Had my eyebrow pierced in Bali, now it's crusty and sore, ok?"
    )
    assert streamed == ["medical"]
    assert [m.name for m in ais] == ["medical"]


async def test_a_travel_ask_beside_the_doctor_keeps_its_section(fake_settings: Settings) -> None:
    ais, streamed = await answered(
        fake_settings,
        DOCTOR_LED,
        "Had my eyebrow pierced in Bali, now it's crusty and sore. Which sights should we see?",
    )
    assert streamed == ["medical", "itinerary"]  # a skin turn the doctor leads: doctor first
    assert ais[-1].response_metadata["experts"] == ["medical", "itinerary"]


def test_only_an_added_expert_may_be_quiet_never_the_urgent_doctor() -> None:
    route = [{"name": "food_culture"}, {"name": "medical"}]
    state: Any = {"messages": [HumanMessage("x")], "route": route, "route_lead": "food_culture"}
    assert added_expert("medical", state)
    assert not added_expert("food_culture", state)
    assert not added_expert("medical", {**state, "urgent_banner": "⚠️ see a doctor today"})
    assert not added_expert("medical", {**state, "route": route[1:]})  # a lone expert answers
    # no lead known (or a stale one): the first in the route leads
    assert added_expert("medical", {**state, "route_lead": "itinerary"})
    assert not added_expert("food_culture", {**state, "route_lead": ""})


def test_what_counts_as_a_complaint_and_as_a_travel_ask() -> None:
    assert names_health_complaint("另外我孩子肚子疼了一晚上")
    assert names_health_complaint("and I've had diarrhoea since Tuesday")
    assert not names_health_complaint("我不吃香菜也不吃葱，点什么好")
    assert asks_travel("how do we get to Ubud from the airport?")
    assert asks_travel("顺便推荐几个好玩的地方")
    assert asks_travel("and where is nice for a first-timer to snorkel?")
    assert not asks_travel("is that normal, should I be worried?")


def test_the_travel_parts_context_line_is_no_travel_ask() -> None:
    """ "(Trip: …)" names where the complaint happened; the word "trip" in it asks nothing."""
    sights = KbAnswer("sights_list", "Chiang Mai: places worth visiting …", ("chiang_mai",))
    assert travel_has_nothing(sights, "(Trip: Chiang Mai) puffy and weeping since noon, worried?")
    assert travel_has_nothing(sights, "（目的地：清迈） 今天又肿又渗水，要紧吗")
    assert not travel_has_nothing(sights, "(Trip: Chiang Mai) and which temples are worth it?")
    plan = KbAnswer("day_plan", "Day 1 …", ("chiang_mai",))
    assert not travel_has_nothing(plan, "(Trip: Chiang Mai) puffy and weeping since noon, worried?")


def test_an_added_second_expert_leaves_the_lead_as_it_was() -> None:
    """The triage router's second expert used to drop the decision's lead (primary None), so a
    doctor-led turn's travel expert, first in answer order, read as the lead."""
    router = TriageRouter(default_triage_classifier(), second_expert=0.3)
    led = RouteDecision(("medical",), "fixed", primary="medical")
    scores = {"medical": 0.7, "itinerary": 0.45}
    text = [HumanMessage("tattoo from Lombok went puffy and weepy overnight, worried")]
    added = router.with_second_experts(led, scores, text)
    assert added.experts == ("itinerary", "medical")
    assert added.primary == "medical"
