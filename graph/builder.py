"""Build the supervisor graph: route each user turn, then let the chosen experts answer."""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.chains import expert_chain
from agents.registry import EXPERTS
from config.settings import Settings
from graph.nodes import (
    make_llm_expert_node,
    make_route_node,
    make_scripted_expert_node,
    next_experts,
)
from graph.router import KeywordRouter, Router
from graph.state import InputState, State


def build_graph(
    settings: Settings,
    *,
    router: Router | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph:
    """Compile the graph; no network call happens here (models connect on first use)."""
    builder = StateGraph(State, input_schema=InputState)
    builder.add_node("route", make_route_node(router or KeywordRouter(), settings))
    for name, expert in EXPERTS.items():
        if expert.model_role == "scripted":
            node = make_scripted_expert_node(expert)
        else:
            node = make_llm_expert_node(expert, expert_chain(expert, settings), settings)
        builder.add_node(name, node)
        builder.add_edge(name, END)
    builder.add_edge(START, "route")
    builder.add_conditional_edges("route", next_experts, list(EXPERTS))
    return builder.compile(checkpointer=checkpointer, name="trip-genius")
