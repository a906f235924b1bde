"""Every scripted conversation, played against the graph with the fake model."""

from __future__ import annotations

from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from config.settings import Settings
from graph.builder import build_graph
from tests.conversation_runner import TurnEvents, check_turn, load_scripts, play

SCRIPTS = load_scripts()


@pytest.fixture(scope="module")
def graph() -> CompiledStateGraph:
    settings = Settings(_env_file=None, llm={"backend": "fake"})  # type: ignore[call-arg]
    return build_graph(settings, checkpointer=InMemorySaver())


def test_there_are_enough_scripts() -> None:
    assert len(SCRIPTS) >= 30


# Scripts whose expectations are right but the graph misses (xfail-strict: a fix must remove
# the entry). Empty since 2026-12-02: the sunburn "好痛 help" of mixed-lang-tokyo escalated via
# the emergency detector alone (0.67) while the classifier read it as the doctor's (medical 0.38 >
# emergency 0.37); the detector no longer overrules such a reading (`emergency_over_medical`,
# chosen on validation by evals/triage/self_harm_bars.py: no emergency lost).
KNOWN_MISSES: dict[str, str] = {}


def _param(script: dict[str, Any]) -> Any:
    reason = KNOWN_MISSES.get(script["name"])
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(script, marks=marks, id=script["name"])


@pytest.mark.parametrize("script", [_param(s) for s in SCRIPTS])
async def test_conversation(graph: CompiledStateGraph, script: dict[str, Any]) -> None:
    problems = await play(graph, script)
    assert not problems, "\n".join(problems)


def _turn(*events: tuple[str, Any]) -> TurnEvents:
    return TurnEvents(list(events))


ROUTE_MED = ("custom", {"type": "route", "experts": [{"name": "medical"}]})
TOKEN_MED = ("token", ("hi", {"expert": "medical"}))


def test_the_runner_catches_wrong_routes_and_missing_safety() -> None:
    """The checks must be able to fail, or the 42 passing scripts prove nothing."""
    ok = _turn(ROUTE_MED, TOKEN_MED)
    assert check_turn({"experts": ["medical"]}, ok) == []
    assert check_turn({"experts": ["itinerary"]}, ok)
    assert check_turn({"experts": ["medical"], "not_experts": ["medical"]}, ok)
    assert check_turn({"experts": ["emergency"], "safety": True}, ok)
    late_route = _turn(TOKEN_MED, ROUTE_MED)
    assert check_turn({"experts": ["medical"]}, late_route)
    silent = _turn(ROUTE_MED, ("token", ("", {"expert": "medical"})))
    assert check_turn({"experts": ["medical"]}, silent)


def test_the_runner_wants_safety_first_and_the_numbers() -> None:
    route = ("custom", {"type": "route", "experts": [{"name": "emergency"}]})
    safety = ("custom", {"type": "safety", "flags": ["x"], "message": "call 120"})
    token = ("token", ("call 120", {"expert": "emergency"}))
    expect = {"experts": ["emergency"], "safety": True, "contains_any": ["120"]}
    assert check_turn(expect, _turn(safety, route, token)) == []
    assert check_turn(expect, _turn(route, safety, token))
    assert check_turn({**expect, "contains_any": ["911"]}, _turn(safety, route, token))
    assert check_turn({"experts": ["emergency"]}, _turn(safety, route, token))
