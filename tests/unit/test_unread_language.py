"""A turn in a language we do not read gets the fixed "we read Chinese and English" reply with
the local emergency numbers — never an expert's guess ("not a skin problem") — while an
escalated turn stays escalated and a zh/en turn with a foreign name or word stays ours
(evals/triage/results/third_language_rule_2026-12-05.md). Phrasings written after the fix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.responders import urgent_banner
from agents.unread_language import unread_language
from config.settings import Settings
from graph.builder import build_graph
from graph.routing.base import RouteDecision
from tests.unit.test_graph import run_turn


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mein Hals ist nach dem Sonnenbad ganz rot und brennt, hilft Aloe Vera?", "de"),
        ("Est-ce que je peux me baigner avec une brûlure de méduse ?", "fr"),
        ("¿Cuántos días necesito para ver Xi'an y los guerreros de terracota?", "es"),
        ("虫に刺されたところが赤く腫れてきました", "ja"),
        ("얼굴에 발진이 생겼는데 병원에 가야 할까요?", "ko"),
        ("Мне нужна гостиница недалеко от вокзала в Шанхае", "ru"),
        ("ฉันอยากไปเที่ยวเชียงใหม่สามวัน", "th"),
        ("Tôi muốn đi Bắc Kinh năm ngày, nên đi đâu?", "vi"),
    ],
)
def test_a_turn_in_another_language_is_unread(text: str, language: str) -> None:
    assert unread_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "Merci! what about 2 days in Lyon then?",
        "帮我查一下 Barcelona 的 tapas 推荐",
        "is the onsen in 箱根 ok for tattoos? ありがとう",
        "嗯嗯",
        "yes",
        "👍 12",
        "I'm at the Café Central in Wien, any good Sachertorte nearby?",
        "晒伤了, help",
        "Noch eine Frage — what's the best way to get from Munich airport to the city?",
        "在大阪想吃たこ焼き，哪里的好吃",
    ],
)
def test_zh_or_en_with_a_foreign_word_is_ours(text: str) -> None:
    assert unread_language(text) is None


@dataclass(frozen=True)
class Deciding:
    """A router that returns one decision for every turn (the nets' verdict, stood in)."""

    decision: RouteDecision
    name: str = "triage"

    def route(self, messages: Any) -> RouteDecision:
        return self.decision


@pytest.mark.parametrize(
    ("expert", "text"),
    [
        (
            "medical",
            "Meine Schultern sind nach dem Strand knallrot und tun weh, was hilft dagegen?",
        ),
        ("itinerary", "Wir haben fünf Tage in Chengdu, was sollten wir uns ansehen?"),
        ("transport", "Comment aller de la gare de Hangzhou au lac de l'Ouest ?"),
    ],
)
async def test_no_expert_answers_a_turn_it_cannot_read(
    fake_settings: Settings, expert: str, text: str
) -> None:
    """The card-led doctor (the served default) had said "that doesn't sound like a skin
    problem" to German sunburn; a travel expert guessed. Now the fixed reply, whoever was routed."""
    settings = fake_settings.updated(doctor={"answer": "card_led"})
    router = Deciding(RouteDecision((expert,), f"classifier: {expert}"))
    graph = build_graph(settings, router=router, checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, "t", text)
    assert not [c for c in customs if c["type"] == "safety"]
    route = next(c for c in customs if c["type"] == "route")
    assert [e["name"] for e in route["experts"]] == ["out_of_scope"]
    state = (await graph.aget_state({"configurable": {"thread_id": "t"}})).values
    reply = str(state["messages"][-1].content)
    assert "I can only read Chinese and English" in reply
    assert "只能读懂中文和英文" in reply
    assert "120" in reply  # Chengdu's and Hangzhou's number, or in the unknown line
    assert "skin problem" not in reply
    if expert == "medical":  # no place named: 112 / 911 / 120
        assert "112" in reply
        assert "911" in reply
        assert reply.startswith("Ich verstehe nur Chinesisch und Englisch")


async def test_the_reply_gives_the_numbers_of_the_place_named(fake_settings: Settings) -> None:
    router = Deciding(RouteDecision(("medical",), "classifier: medical"))
    graph = build_graph(fake_settings, router=router, checkpointer=InMemorySaver())
    text = "Wir sind gerade in Bangkok und die Mückenstiche an den Beinen jucken sehr"
    await run_turn(graph, "bkk", text)
    state = (await graph.aget_state({"configurable": {"thread_id": "bkk"}})).values
    assert "1669" in str(state["messages"][-1].content)


async def test_an_escalation_in_another_language_stays_one(fake_settings: Settings) -> None:
    router = Deciding(RouteDecision(("emergency",), "net: emergency", category="anaphylaxis"))
    graph = build_graph(fake_settings, router=router, checkpointer=InMemorySaver())
    text = "Meine Tochter hat Nüsse gegessen und ihre Lippen schwellen an"
    customs, _ = await run_turn(graph, "e", text)
    assert customs[0]["type"] == "safety"
    assert customs[0]["level"] == "emergency"
    reply = (await graph.aget_state({"configurable": {"thread_id": "e"}})).values["messages"][-1]
    assert reply.name == "emergency"
    assert "Chinese and English" not in str(reply.content)  # the emergency reply, unchanged


async def test_an_urgent_turn_keeps_its_banner_over_the_fixed_reply(
    fake_settings: Settings,
) -> None:
    router = Deciding(RouteDecision(("medical",), "net: emergency; urgent care", urgent=True))
    graph = build_graph(fake_settings, router=router, checkpointer=InMemorySaver())
    text = "J'ai des plaques rouges qui gonflent sur les bras depuis ce matin"
    customs, _ = await run_turn(graph, "u", text)
    assert [c["type"] for c in customs] == ["safety", "route"]
    assert customs[0]["level"] == "urgent"
    assert [e["name"] for e in customs[1]["experts"]] == ["out_of_scope"]
    reply = (await graph.aget_state({"configurable": {"thread_id": "u"}})).values["messages"][-1]
    assert str(reply.content).startswith(urgent_banner("en", None))
    assert "Je ne comprends que le chinois et l'anglais" in str(reply.content)
    assert reply.additional_kwargs["safety"]["level"] == "urgent"
