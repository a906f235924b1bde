"""The route node calls a model-free router on the event loop, any other in a worker thread.

Why it matters both ways: a thread hop for CPU-only routing cost more than the routing (the GIL
stops the loop meanwhile anyway), but a router that waits on a model server must never stop the
loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

import pytest
from langchain_core.messages import AnyMessage, HumanMessage

import graph.nodes
from config.settings import Settings
from graph.nodes import make_route_node, make_safety_node, routes_without_a_model
from graph.routing.base import RouteDecision
from graph.triage.router import TriageRouter


class RecordingTriage(TriageRouter):
    """A triage router whose decision is fixed; records the thread it was asked on."""

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        threads.append(threading.get_ident())
        return RouteDecision(("food_culture",), "test")


class OtherRouter:
    """A router the graph knows nothing about (it may call a model)."""

    name = "other"

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision:
        threads.append(threading.get_ident())
        return RouteDecision(("food_culture",), "test")


threads: list[int] = []
STATE: Any = {"messages": [HumanMessage("巴黎的餐厅要提前订位吗", id="1")], "injection": False}


def route_on(router: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, dict[str, Any]]:
    """(whether the router ran on the loop's thread, the node's update)."""
    events: list[Any] = []
    monkeypatch.setattr(graph.nodes, "emit", events.append)
    threads.clear()
    node = make_route_node(router, Settings())

    async def run() -> tuple[int, dict[str, Any]]:
        return threading.get_ident(), await node(STATE)

    loop_thread, update = asyncio.run(run())
    assert len(threads) == 1, "one routing"
    assert len(events) == 1, "one route event"
    return threads[0] == loop_thread, update


def model_free_triage() -> TriageRouter:
    return RecordingTriage(classifier=None, model=None)  # type: ignore[arg-type]


def test_model_free_routing_runs_on_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    router = model_free_triage()
    assert routes_without_a_model(router)
    on_loop, update = route_on(router, monkeypatch)
    assert on_loop
    assert [r["name"] for r in update["route"]] == ["food_culture"]


@pytest.mark.parametrize(
    "router",
    [
        RecordingTriage(classifier=None, model=object()),  # type: ignore[arg-type]
        RecordingTriage(classifier=None, model=None, fallback=OtherRouter()),  # type: ignore[arg-type]
        OtherRouter(),
    ],
    ids=["triage with its model", "fallback of unknown kind", "unknown router"],
)
def test_a_router_that_may_call_a_model_runs_in_a_thread(
    router: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not routes_without_a_model(router)
    on_loop, update = route_on(router, monkeypatch)
    assert not on_loop
    assert [r["name"] for r in update["route"]] == ["food_culture"]


def test_the_safety_node_is_async() -> None:
    """LangGraph runs a sync node in a worker thread; safety is rules and a classifier."""
    assert asyncio.iscoroutinefunction(make_safety_node(Settings()))
