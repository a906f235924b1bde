"""Build the supervisor graph: safety check, route, the chosen experts in turn, merge."""

from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from agents.card_asks import card_asks
from agents.chains import ExpertAnswerer, labels_for
from agents.emergency_signs import emergency_signs
from agents.expert import SCRIPTED_MODEL, travel_lane
from agents.guard import load_rules as load_guard_rules
from agents.kb_led import load_kb_led_data
from agents.knowledge import load_kb
from agents.knowledge.condition_search import default_search
from agents.knowledge.power import power_data
from agents.medical_questions import question_kinds
from agents.registry import EXPERTS
from agents.responders import load_templates
from agents.systemic_red_flags import systemic_red_flags
from agents.unread_language import load_unread_language_data
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
from graph.routing.policy import load_lexicon
from graph.safety import load_rules
from graph.state import InputState, State
from graph.triage.router import ask_breaks
from graph.triage.veto import build_rules_veto


def load_data_files(settings: Settings) -> None:
    """Every data file a turn reads, read once here: nodes run on the event loop, where file
    reads would block (and `langgraph dev` refuses blocking calls)."""
    load_kb()
    power_data()  # plug types and voltage per country (validated)
    # loads and validates the condition cards (a bad file stops start-up); fits the search
    default_search(settings.paths.fitted_models_dir)
    load_rules()
    load_lexicon()
    ask_breaks()
    load_templates()
    card_asks()  # what a health question asks (swim, prevent, stop …)
    question_kinds()  # dose, borrowed medicine, skin words
    load_guard_rules()
    emergency_signs()
    systemic_red_flags()
    for expert in EXPERTS.values():
        _ = expert.system_prompt
    travel_lane()
    load_kb_led_data()
    load_unread_language_data()


def build_graph(
    settings: Settings,
    *,
    router: Router | None = None,
    checkpointer: BaseCheckpointSaver | None = None,
) -> CompiledStateGraph:
    """Compile the graph; no network call happens here (models connect on first use)."""
    load_data_files(settings)
    builder = StateGraph(State, input_schema=InputState)
    builder.add_node("safety", make_safety_node(settings, build_rules_veto(settings)))
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
    answering = [name for name, e in EXPERTS.items() if e.answers_with_model]
    for name in answering:
        expert = EXPERTS[name]
        answerer = ExpertAnswerer.build(expert, settings)
        # Labels of an answer the node returns whole (a card-led answer: no model spoke); the
        # model's own tokens carry the chain's labels, which name the model.
        labels = {**labels_for(expert, settings), "model": SCRIPTED_MODEL}
        builder.add_node(name, make_llm_expert_node(answerer), metadata=labels)
        builder.add_conditional_edges(name, make_after_expert(name), [*answering, "merge", END])

    builder.add_edge(START, "safety")
    builder.add_conditional_edges("safety", after_safety, ["emergency", "route"])
    # A router may judge a turn an emergency that the red-flag rules missed: it escalates too.
    builder.add_conditional_edges("route", first_expert, [*answering, "emergency", "out_of_scope"])
    builder.add_edge("emergency", END)
    builder.add_edge("out_of_scope", END)
    builder.add_edge("merge", END)
    return builder.compile(checkpointer=checkpointer, name="trip-genius")
