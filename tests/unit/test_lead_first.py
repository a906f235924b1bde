"""The sections reach the person lead first: the router's lead answers before the experts it
added, and under an urgent-care banner the doctor answers before any travel advice
(evals/results/lead_first_rule_2026-12-07f.md). Phrasings written after the change."""

from __future__ import annotations

from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph
from graph.routing.answer_order import answer_order
from graph.routing.base import RouteDecision
from tests.unit.test_graph import run_turn
from tests.unit.test_quiet_second_expert import LedRouter

SKIN_THEN_SIGHTS = "胳膊上被虫子咬了一串红包，痒得睡不着，涂什么好？另外桂林有什么值得去的地方？"


async def sections(settings: Settings, router: object, text: str) -> tuple[list[str], str]:
    """The nodes in the order they streamed, and the turn's stored reply."""
    graph = build_graph(
        settings.updated(doctor={"answer": "card_led"}), router=router, checkpointer=InMemorySaver()
    )
    _, chunks = await run_turn(graph, "lead", text)
    state = (await graph.aget_state({"configurable": {"thread_id": "lead"}})).values
    reply = [m for m in state["messages"] if isinstance(m, AIMessage)][-1]
    return list(dict.fromkeys(meta["langgraph_node"] for _, meta in chunks)), str(reply.content)


async def test_a_doctor_led_turn_answers_the_skin_question_first(fake_settings: Settings) -> None:
    order, reply = await sections(
        fake_settings, LedRouter(("itinerary", "medical"), "medical"), SKIN_THEN_SIGHTS
    )
    assert order == ["medical", "itinerary"]
    assert reply.startswith("## AI 皮肤科医生")
    assert "## 行程规划" in reply


async def test_a_travel_led_turn_keeps_travel_first(fake_settings: Settings) -> None:
    order, reply = await sections(
        fake_settings, LedRouter(("itinerary", "medical"), "itinerary"), SKIN_THEN_SIGHTS
    )
    assert order == ["itinerary", "medical"]
    assert reply.startswith("## 行程规划")


def test_the_doctor_under_a_banner_comes_before_the_lead() -> None:
    turn = ["膝盖摔破了一块，周围红了一圈，住哪里方便看医生"]
    urgent = RouteDecision(
        ("accommodation", "medical"), "net", primary="accommodation", urgent=True
    )
    assert answer_order(urgent, turn) == ("medical", "accommodation")
    plain = RouteDecision(("accommodation", "medical"), "policy", primary="accommodation")
    assert answer_order(plain, turn) == ("accommodation", "medical")


def test_a_doctor_led_skin_turn_moves_only_the_doctor() -> None:
    turn = ["my ankles are covered in itchy bites, what helps? and how do we get to the islands?"]
    led = RouteDecision(("transport", "accommodation", "medical"), "policy", primary="medical")
    assert answer_order(led, turn) == ("medical", "transport", "accommodation")
    no_lead = RouteDecision(("transport", "accommodation", "medical"), "policy")
    assert answer_order(no_lead, turn) == ("transport", "accommodation", "medical")


def test_a_doctor_led_turn_without_a_skin_problem_keeps_the_route_order() -> None:
    """The dermatology assistant only refers these on: the travel answer stays first."""
    led = RouteDecision(("transport", "medical"), "policy", primary="medical")
    for turn in (
        "晕船晕得厉害怎么办，去涠洲岛有没有别的走法",
        "my back aches after the flight, is the train better?",
    ):
        assert answer_order(led, [turn]) == ("transport", "medical"), turn


def test_travel_experts_keep_their_order_whoever_leads() -> None:
    led = RouteDecision(("itinerary", "accommodation"), "policy", primary="accommodation")
    assert answer_order(led, ["三天怎么玩，住哪里好"]) == ("itinerary", "accommodation")


class UrgentNet:
    """A net's urgent-care reading led by a travel expert (graph/triage/urgent.py)."""

    name = "urgent-net"

    def route(self, messages: object) -> RouteDecision:
        return RouteDecision(
            ("accommodation", "medical"), "net", primary="accommodation", urgent=True
        )


async def test_the_banner_comes_before_the_hotel_advice(fake_settings: Settings) -> None:
    text = "小腿擦破的地方两天了越来越红越肿，摸上去烫烫的，今晚住哪片离诊所近？"
    order, reply = await sections(fake_settings, UrgentNet(), text)
    assert order == ["medical", "accommodation"]
    assert reply.startswith("## AI 皮肤科医生")
    assert reply.index("⚠️") < reply.index("## 住宿")
