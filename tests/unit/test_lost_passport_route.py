"""A lost or stolen passport brings the practicalities expert, whatever the classifier reads
(lost_passport_route_rule_2026-12-05d.md); its answer says what to do. Phrasings written after
the change."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn


@pytest.mark.parametrize(
    ("text", "joins"),
    [
        ("our passports were stolen from the rental car in Naples, help", True),
        ("在清迈把护照弄丢了，下周三的航班", True),
        ("what do I do now, my passport got stolen on the beach in Goa", True),
        ("I lost my sunglasses somewhere in Rome", False),
        ("my son has a rash on his legs after the pool in Phuket", False),
    ],
)
async def test_a_lost_passport_brings_practicalities(
    fake_settings: Settings, text: str, joins: bool
) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    customs, _ = await run_turn(graph, f"lp-{text[:8]}", text)
    route = next(c for c in customs if c["type"] == "route")
    assert ("practicalities" in [e["name"] for e in route["experts"]]) is joins
