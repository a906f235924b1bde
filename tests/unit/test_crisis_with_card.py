"""A net's self-harm alarm on a follow-up to a bite keeps the crisis reply and adds the card's
same-day care; nothing is added after pills or self-injury, nor to a first turn, nor for a card
that can wait (evals/triage/results/crisis_with_card_rule_2026-12-04n.md, second design).
Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from agents.card_answer import CARD_LED
from agents.responders import self_harm_reply
from config.settings import Settings
from graph.builder import build_graph
from graph.urgent_care import doctor_card_beside
from tests.unit.doctor_call import card_answer
from tests.unit.test_graph import run_turn

SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]


def thread(first: str, then: str) -> list[BaseMessage]:
    """The doctor's real card-led answer to `first`, as the graph stores it, then `then`."""
    answer = card_answer(first)
    meta = {"answer": CARD_LED, "answer_kind": answer.kind, "cards": list(answer.cards)}
    return [HumanMessage(first), AIMessage(answer.text or "", response_metadata=meta),
            HumanMessage(then)]  # fmt: skip


def test_a_follow_up_on_a_bite_gets_the_rabies_card_after_the_crisis_lines() -> None:
    messages = thread(
        "a street dog bit my calf in Phnom Penh, it's bleeding a bit",
        "I won't go to a hospital here, can I wait until I fly home on Sunday?",
    )
    card = doctor_card_beside(messages, SETTINGS)
    assert card is not None
    assert "rabies" in card.lower()
    reply = self_harm_reply("en", None, ["…"], card)
    assert reply.startswith(self_harm_reply("en", None, ["…"]))  # the crisis reply, whole, first
    assert reply.endswith(card)


def test_nothing_is_added_after_pills_a_first_turn_or_a_card_that_can_wait() -> None:
    pills = thread(
        "a monkey bit my finger at the temple in Ubud",
        "I swallowed all the painkillers in my bag, I don't want to go to hospital",
    )
    assert doctor_card_beside(pills, SETTINGS) is None  # pills taken: the act signs
    first = [HumanMessage("I took every one of my allergy tablets, my hives won't stop")]
    assert doctor_card_beside(first, SETTINGS) is None  # no card answered before the alarm
    acne = thread("my back is covered in acne after a month in Bali", "what's even the point")
    assert doctor_card_beside(acne, SETTINGS) is None  # acne's card can wait


@pytest.fixture
def graph(fake_settings: Settings) -> CompiledStateGraph:
    card_led = fake_settings.model_copy(
        update={"doctor": fake_settings.doctor.model_copy(update={"answer": "card_led"})}
    )
    return build_graph(card_led, checkpointer=InMemorySaver())


async def test_the_graph_puts_the_card_after_a_nets_crisis_reply(graph: CompiledStateGraph) -> None:
    """The chars net reads this reluctance as self-harm: the crisis reply stays, the rabies card
    follows (a first run of this phrasing, offline, before the test was written)."""
    await run_turn(graph, "bite", "被野狗咬了小腿，在柬埔寨，流了点血")
    customs, _ = await run_turn(graph, "bite", "我不想在这里去医院，能不能等回国再说")
    safety = [c for c in customs if c["type"] == "safety"]
    assert [s["level"] for s in safety] == ["self_harm"]
    assert "12356" in safety[0]["message"]  # the crisis lines, first
    assert "狂犬病" in safety[0]["message"]  # then the bite card's same-day care
