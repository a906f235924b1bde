"""Build the supervisor graph: safety check, route, the chosen experts in turn, merge."""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.chains import expert_chain, labels_for
from agents.registry import EXPERTS
from config.settings import Settings
from graph.nodes import (
    after_safety,
    first_expert,
    make_after_expert,
    make_emergency_node,
    make_llm_expert_node,
    make_out_of_scope_node,
    make_route_node,
    make_safety_node,
    merge,
)
from graph.routing import Router, build_router
from graph.state import InputState, State


def build_graph(
    settings: Settings,
    *,
    router: Router | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph:
    """Compile the graph; no network call happens here (models connect on first use)."""
    builder = StateGraph(State, input_schema=InputState)
    builder.add_node("safety", make_safety_node(settings))
    builder.add_node("route", make_route_node(router or build_router(settings), settings))
    builder.add_node("merge", merge)
    builder.add_node(
        "emergency", make_emergency_node(), metadata=labels_for(EXPERTS["emergency"], settings)
    )
    builder.add_node(
        "out_of_scope",
        make_out_of_scope_node(),
        metadata=labels_for(EXPERTS["out_of_scope"], settings),
    )
    answering = [name for name, e in EXPERTS.items() if e.model_role != "scripted"]
    for name in answering:
        expert = EXPERTS[name]
        builder.add_node(
            name, make_llm_expert_node(expert, expert_chain(expert, settings), settings)
        )
        builder.add_conditional_edges(name, make_after_expert(name), [*answering, "merge", END])

    builder.add_edge(START, "safety")
    builder.add_conditional_edges("safety", after_safety, ["emergency", "route"])
    builder.add_conditional_edges("route", first_expert, [*answering, "out_of_scope"])
    builder.add_edge("emergency", END)
    builder.add_edge("out_of_scope", END)
    builder.add_edge("merge", END)
    return builder.compile(checkpointer=checkpointer, name="trip-genius")
