"""Right after an escalation, "the ambulance is here now, thank you" gets a closing word, not
"sorry, that's outside what I can help with" (care_arrived_rule_2026-12-04d.md). Phrasings
written for this file."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from agents.responders import care_arrived_reply
from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn


@pytest.fixture
def graph(fake_settings: Settings) -> CompiledStateGraph:
    return build_graph(fake_settings, checkpointer=InMemorySaver())


async def last_reply(graph: CompiledStateGraph, thread: str) -> str:
    state = (await graph.aget_state({"configurable": {"thread_id": thread}})).values
    return str(state["messages"][-1].content)


@pytest.mark.parametrize(
    ("emergency", "then", "lang"),
    [
        (
            "my husband has crushing chest pain and is sweating",
            "paramedics have arrived, thanks",
            "en",
        ),
        ("我妈突然说不出话，右手抬不起来", "救护车来了，谢谢", "zh"),
    ],
)
async def test_help_arriving_after_an_escalation_gets_a_closing_word(
    graph: CompiledStateGraph, emergency: str, then: str, lang: str
) -> None:
    first, _ = await run_turn(graph, "c", emergency)
    assert first[0]["type"] == "safety"
    customs, _ = await run_turn(graph, "c", then)
    assert customs[0]["type"] == "route"  # the emergency is closed
    assert await last_reply(graph, "c") == care_arrived_reply(lang)  # type: ignore[arg-type]


async def test_a_question_after_help_arrived_is_routed_as_usual(graph: CompiledStateGraph) -> None:
    await run_turn(graph, "q", "my husband has crushing chest pain and is sweating")
    await run_turn(
        graph, "q", "we're at the hospital now, can you find a hotel nearby in Hangzhou?"
    )
    assert await last_reply(graph, "q") != care_arrived_reply("en")


async def test_an_out_of_scope_turn_in_an_ordinary_thread_keeps_its_reply(
    graph: CompiledStateGraph,
) -> None:
    await run_turn(graph, "o", "what should I eat in Chengdu?")
    await run_turn(graph, "o", "the paramedics are here now, thanks")  # no escalation before it
    assert await last_reply(graph, "o") != care_arrived_reply("en")


def test_the_closing_word_exists_in_both_languages() -> None:
    assert "paramedics" in care_arrived_reply("en")
    assert "医生" in care_arrived_reply("zh")
