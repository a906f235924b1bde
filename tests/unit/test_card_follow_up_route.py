"""A short follow-up asking what the doctor's card just answered goes to the doctor, though it
is worded as travel (card_ask_follow_up_rule_2026-12-04d.md). Phrasings written for this file."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn


@pytest.mark.parametrize(
    ("first", "then", "doctor_alone"),
    [
        ("my son has chickenpox and we fly home on Friday", "will the airline let him on?", True),
        ("孩子出水痘了，后天坐飞机回国", "航空公司会让他登机吗", True),
        (
            "my son has chickenpox and we fly home on Friday",
            "which bus goes to Hangzhou airport?",
            False,
        ),
    ],
)
async def test_a_follow_up_the_doctors_card_answers_goes_to_the_doctor(
    fake_settings: Settings, first: str, then: str, doctor_alone: bool
) -> None:
    """Served read 07 y11: the chickenpox card's own `asked.fly` was there, but "will the airline
    let him on?" went to the transport expert (card_ask_follow_up_rule_2026-12-04d.md)."""
    graph = build_graph(
        fake_settings.updated(doctor={"answer": "card_led"}), checkpointer=InMemorySaver()
    )
    await run_turn(graph, "f", first)
    customs, _ = await run_turn(graph, "f", then)
    experts = [e["name"] for e in customs[0]["experts"]]
    assert (experts == ["medical"]) is doctor_alone
