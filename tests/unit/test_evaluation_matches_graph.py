"""The triage evaluation scores what the graph serves: for the same router and turn, the escalation
(and its reply's first category) or the route that `evals.triage.evaluate` counts is the one the
graph's safety and route nodes produce.

Why: the evaluation re-implemented the route node and read the card-led doctor its own way, so
"category right when caught" scored a graph that does not run — a softened heat exhaustion got
the `watch` reply in the graph and counted as routed to the doctor; an emergency card's category
(a scald: the burn's first aid) was missed (evals/triage/results/category_rule_2026-12-07i.md).
Both now call graph/turn_outcome.py; this test fails if they part again. Phrasings written for
the test, none from an evaluation file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from evals.triage.evaluate import doctor_settings, router_predict, with_rules
from evals.triage.urgent_care import CALL_NOW, graph_decider, outcome
from graph.builder import build_graph
from graph.routing.base import RouteDecision
from tests.unit.test_graph import run_turn

ESCALATION_LEVELS = ("emergency", "self_harm", "watch")


@dataclass
class FixedRouter:
    """A router that answers every turn with one decision (a net's alarm, a softened one, a
    travel route), so each branch of the route node is reached."""

    decision: RouteDecision
    name: str = "triage"

    def route(self, messages: Any) -> RouteDecision:
        return self.decision


ROUTERS = {
    "net": FixedRouter(RouteDecision(("emergency",), "net: emergency")),
    "softened": FixedRouter(RouteDecision(("medical",), "net: emergency; urgent", urgent=True)),
    "travel": FixedRouter(RouteDecision(("accommodation",), "accommodation")),
}
TURNS = [
    # heat exhaustion's signs: the `watch` reply on a softened alarm
    "we've walked around Granada all afternoon in a heatwave and my sister feels sick and dizzy",
    # an emergency card's call-now: the burn's first aid from the card and the signs
    "boiling water from the kettle went over my son's whole leg, the skin is coming off",
    # the doctor's signs name a stroke
    "my aunt's face has dropped on one side and her arm went weak ten minutes ago",
    # a diabetic's hypo in a hotel
    "my diabetic husband is shaky, sweaty and muddled in our hotel room, he skipped lunch",
    # ordinary skin and travel turns
    "itchy bumps on my ankles after the hostel, what cream",
    "is the hotel near the station in Kyoto quiet at night",
    "大热天爬完山，我妈头晕想吐，出了好多汗",
    # pills taken in quantity that no router escalated: poisoning's first aid
    "my flatmate swallowed the whole strip of her sleeping pills an hour ago and is very drowsy",
    # a language no expert reads: the fixed reply, after every escalation has had its say
    "Wir suchen ein ruhiges Hotel in der Nähe vom Bahnhof, was ist dort gut?",
]


class NoVeto:
    """The rules' escalations stand (the graph's safety node without a classifier veto)."""

    def overrules(self, verdict: Any, messages: Any) -> bool:
        return False


def served(customs: list[dict]) -> tuple[bool, str | None, tuple[str, ...]]:
    safety = [c for c in customs if c["type"] == "safety" and c["level"] in ESCALATION_LEVELS]
    route = next(c for c in customs if c["type"] == "route")
    experts = tuple(e["name"] for e in route["experts"])
    return bool(safety), safety[0]["category"] if safety else None, experts


@pytest.mark.parametrize("router_name", list(ROUTERS))
async def test_the_evaluation_scores_what_the_graph_serves(
    fake_settings: Settings, router_name: str
) -> None:
    router = ROUTERS[router_name]
    # the doctor the evaluation reads with: the settings' defaults (card-led)
    settings = fake_settings.updated(doctor={"answer": doctor_settings().doctor.answer})
    graph = build_graph(settings, router=router, checkpointer=InMemorySaver())
    predict = with_rules(router_predict(router), net=router)
    for i, text in enumerate(TURNS):
        customs, _ = await run_turn(graph, f"{router_name}-{i}", text)
        escalated, category, experts = served(customs)
        labels, scored = predict([HumanMessage(text)])
        assert ("emergency" in labels, scored if escalated else None) == (escalated, category), text
        if not escalated:
            assert set(labels) == set(experts), text


@pytest.mark.parametrize("router_name", list(ROUTERS))
async def test_urgent_care_scores_what_the_graph_serves(
    fake_settings: Settings, router_name: str
) -> None:
    """`evals.triage.urgent_care` (end to end: call now, crisis lines, banner) counts a turn as
    told to call now exactly when the graph escalates it, and crisis lines when it serves them."""
    router = ROUTERS[router_name]
    settings = fake_settings.updated(doctor={"answer": doctor_settings().doctor.answer})
    graph = build_graph(settings, router=router, checkpointer=InMemorySaver())
    decide = graph_decider(router, NoVeto())
    for i, text in enumerate(TURNS):
        customs, _ = await run_turn(graph, f"uc-{router_name}-{i}", text)
        escalated, category, _ = served(customs)
        got = outcome([HumanMessage(text)], decide([HumanMessage(text)]), lambda m: (False, ""))
        assert (got in CALL_NOW and got != "doctor_call_now") == escalated, text
        assert (got == "crisis") == (category == "self_harm"), text


def test_urgent_care_reaches_the_route_nodes_own_branches() -> None:
    """Branches the old hand copy lacked: an unread language and heat exhaustion's frame."""
    decide = graph_decider(ROUTERS["softened"], NoVeto())
    heat = decide([HumanMessage(TURNS[0])])
    assert heat.level == "watch"
    assert outcome([HumanMessage(TURNS[0])], heat, lambda m: (False, "")) == "template"
    travel = graph_decider(ROUTERS["travel"], NoVeto())
    unread = travel([HumanMessage(TURNS[-1])])
    assert unread.routed is not None
    assert unread.routed.experts == ("out_of_scope",)
    pills = travel([HumanMessage(TURNS[-2])])
    assert outcome([HumanMessage(TURNS[-2])], pills, lambda m: (False, "")) == "template"


def test_the_branches_are_reached() -> None:
    """The turns above reach the branches the evaluation had copied wrong (else the test above
    would pass on any evaluation)."""
    softened = with_rules(router_predict(ROUTERS["softened"]))
    assert softened([HumanMessage(TURNS[0])]) == (("emergency",), "heat_exhaustion")
    net = with_rules(router_predict(ROUTERS["net"]))
    assert net([HumanMessage(TURNS[1])]) == (("emergency",), "severe_burn")
