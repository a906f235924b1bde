"""A turn two experts answer is stored as one reply; what the doctor answered from must outlive
that merge (merged_turn_memory_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.card_answer import CARD_LED, answered_call_now, last_card_led
from agents.expert import scripted_message
from agents.merged_reply import answers_in, merged_metadata
from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn


def merged(*answers: AIMessage) -> AIMessage:
    return AIMessage(content="…", name=answers[0].name, response_metadata=merged_metadata(answers))


def test_a_merged_reply_keeps_each_answer_and_a_single_reply_reads_as_itself() -> None:
    hotel = AIMessage(content="hotels", name="accommodation", response_metadata={"model_name": "m"})
    doctor = scripted_message("card", CARD_LED, "card", cards=["sunburn"])
    doctor.name = "medical"
    both = merged(hotel, doctor)
    assert both.response_metadata["experts"] == ["accommodation", "medical"]
    assert both.response_metadata["models"] == ["m", "none"]
    assert [meta.get("cards") for meta in answers_in(both)] == [None, ["sunburn"]]
    assert answers_in(doctor) == [doctor.response_metadata]


def test_the_doctors_card_and_its_call_now_are_found_inside_a_merged_reply() -> None:
    doctor = scripted_message("call now", CARD_LED, "systemic_emergency", cards=["cellulitis"])
    doctor.name = "medical"
    sights = AIMessage(content="sights", name="itinerary")
    thread = [
        HumanMessage("leg red and hot, shivering; also what to see in Ubud"),
        merged(sights, doctor),
    ]
    assert last_card_led(thread) == ("cellulitis",)
    assert answered_call_now([*thread, HumanMessage("ok thanks")])


async def test_a_follow_up_after_a_two_expert_turn_is_answered_from_the_doctors_card(
    fake_settings: Settings,
) -> None:
    """Served read 19 s14: a follow-up on bedbugs after a hotel + doctor turn got "that doesn't
    sound like a skin problem"."""
    graph = build_graph(
        fake_settings.updated(doctor={"answer": "card_led"}), checkpointer=InMemorySaver()
    )
    config = {"configurable": {"thread_id": "m"}}
    await run_turn(
        graph,
        "m",
        "Sunburn on my neck from a boat day in Krabi, and what is there to do in Krabi "
        "when it rains?",
    )
    first = (await graph.aget_state(config)).values["messages"][-1]
    # a doctor-led skin turn: the doctor answers first (lead_first_rule_2026-12-07f.md)
    assert first.response_metadata.get("experts") == ["medical", "itinerary"]
    await run_turn(graph, "m", "is it ok to put coconut oil on it?")
    reply = (await graph.aget_state(config)).values["messages"][-1]
    meta = reply.response_metadata
    assert meta["answer"] == CARD_LED
    assert meta["cards"] == ["sunburn"]
    assert meta["answer_kind"] != "card"  # a follow-up on the card, not the card again
