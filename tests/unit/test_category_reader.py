"""A net's escalation that nothing names gets the first aid of the category the reading layer's
category reader gives (category_reader_rule_2026-12-07g.md); unsure or without the reading
server, the generic template as before. Phrasings written after the change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph
from graph.routing.base import CategoryNet, RouteDecision
from graph.triage.category_reader import CategoryReader, categorised, written_rows
from tests.unit.test_graph import run_turn

# a toy reading server: two directions, one per category
BURN = ["kettle tipped over his arm", "滚油溅到脸上一大片", "boiling soup down her front"]
BLEED = ["glass cut on the wrist spurting", "腿上的口子血止不住", "deep gash, blood all through"]


def embed(texts: list[str]) -> list[list[float]]:
    return [[1.0, 0.0] if t in BURN or "烫" in t or "scald" in t else [0.0, 1.0] for t in texts]


def reader(bar: float) -> CategoryReader:
    texts = BURN + BLEED
    categories = ["severe_burn"] * 3 + ["heavy_bleeding"] * 3
    return CategoryReader.fit(embed, embed(texts), texts, categories, bar)


def test_the_reader_names_a_category_only_at_its_bar() -> None:
    assert reader(0.5).category("scalded by the kettle") == "severe_burn"
    assert reader(0.99).category("scalded by the kettle") is None


def test_without_the_reading_server_nothing_is_named() -> None:
    def down(texts: list[str]) -> list[list[float]]:
        raise ConnectionError("reading server down")

    fitted = reader(0.5)
    fitted.embed = down
    assert fitted.category("scalded by the kettle") is None


def test_the_written_emergencies_all_carry_a_category_and_self_harm_is_left_out() -> None:
    rows = written_rows()
    texts, categories = categorised(rows)
    assert len(texts) >= 200
    assert "self_harm" not in categories
    assert len(set(categories)) >= 16


@dataclass(frozen=True)
class NetOnly:
    """A router whose net escalates with no category, and a category reader naming one."""

    named: str | None

    @property
    def name(self) -> str:
        return "net"

    def route(self, messages: Any) -> RouteDecision:
        return RouteDecision(("emergency",), "net")

    def emergency_category(self, messages: Any) -> str | None:
        return self.named


@pytest.mark.parametrize(
    ("named", "told"),
    [("severe_burn", True), (None, False)],
)
async def test_a_net_escalation_takes_the_reader_category_first_aid(
    fake_settings: Settings, named: str | None, told: bool
) -> None:
    assert isinstance(NetOnly(named), CategoryNet)
    graph = build_graph(fake_settings, router=NetOnly(named), checkpointer=InMemorySaver())
    # no rule, no sign the doctor or the explains entries read: only the reader can name it
    await run_turn(graph, f"t-{named}", "my uncle looks really bad after dinner, what do I do")
    state = (await graph.aget_state({"configurable": {"thread_id": f"t-{named}"}})).values
    reply = state["messages"][-1].content
    assert ("20 minutes" in reply) is told
    assert "911" in reply or "112" in reply


async def test_a_category_the_turn_signs_name_is_not_replaced(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, router=NetOnly("severe_burn"), checkpointer=InMemorySaver())
    text = "my dad suddenly can't lift his right arm and his face is drooping"
    await run_turn(graph, "t-stroke", text)
    reply = (
        (await graph.aget_state({"configurable": {"thread_id": "t-stroke"}}))
        .values["messages"][-1]
        .content
    )
    assert "20 minutes" not in reply
