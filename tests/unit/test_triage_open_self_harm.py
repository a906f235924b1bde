"""An open self-harm escalation stays a self-harm escalation (issue 11, bad input).

A bare "yes" / "好的" after the crisis reply keeps the emergency open (the safety rules' open
emergency); it must keep its category too, so the user gets the crisis lines again rather than
the call-an-ambulance first-aid template, and no model sees the turn. Every phrasing here was
written for this file; none comes from a data split.
"""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import PromptRecorder, run_turn


@pytest.fixture
def graph(fake_settings: Settings) -> CompiledStateGraph:
    return build_graph(fake_settings, checkpointer=InMemorySaver())


@pytest.mark.parametrize(
    ("opening", "reply"),
    [
        ("I've decided tonight is the night, I have the pills counted out", "yes"),
        ("我真的不想活了，药都准备好了", "好的"),
        ("我真的不想活了，药都准备好了", "嗯"),
    ],
)
async def test_a_bare_reply_after_a_self_harm_escalation_gets_the_crisis_reply_again(
    graph: CompiledStateGraph, opening: str, reply: str
) -> None:
    thread = f"sh-open-{reply}-{opening[:4]}"
    first, _ = await run_turn(graph, thread, opening)
    assert first[0]["type"] == "safety"
    assert first[0]["level"] == "self_harm"
    recorder = PromptRecorder()
    customs, chunks = await run_turn(graph, thread, reply, [recorder])
    assert customs[0]["type"] == "safety"
    assert "open_emergency" in customs[0]["flags"]
    assert customs[0]["level"] == "self_harm"
    assert customs[0]["category"] == "self_harm"
    assert recorder.prompts == []  # no model saw it
    assert {meta["expert"] for _, meta in chunks} == {"emergency"}
