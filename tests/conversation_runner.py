"""Play the scripted conversations of tests/conversations/*.yaml against a graph.

One runner for both worlds: the unit suite plays every script against the fake model, the
integration suite against the real vLLM server. Only deterministic things are checked: routes,
safety events and their order, which experts stream tokens, and the fixed emergency text —
never a model's wording.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from langchain_core.messages import BaseMessage, HumanMessage
from langgraph.graph.state import CompiledStateGraph

CONVERSATIONS = Path(__file__).resolve().parent / "conversations"


def load_scripts() -> list[dict[str, Any]]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CONVERSATIONS.glob("*.yaml"))
    ]


@dataclass
class TurnEvents:
    """What one turn streamed, in order: ("custom", payload) or ("token", (text, labels))."""

    events: list[tuple[str, Any]] = field(default_factory=list)

    def customs(self, kind: str) -> list[dict[str, Any]]:
        return [p for k, p in self.events if k == "custom" and p.get("type") == kind]

    @property
    def tokens(self) -> list[tuple[str, dict[str, Any]]]:
        return [p for k, p in self.events if k == "token"]

    def first_index(self, predicate: Any) -> int:
        return next((i for i, e in enumerate(self.events) if predicate(e)), len(self.events))

    @property
    def first_token(self) -> int:
        return self.first_index(lambda e: e[0] == "token")

    def text_by(self, expert: str) -> str:
        return "".join(t for t, labels in self.tokens if labels.get("expert") == expert)


async def graph_turn(graph: CompiledStateGraph, thread_id: str, text: str) -> TurnEvents:
    turn = TurnEvents()
    async for mode, payload in graph.astream(
        {"messages": [HumanMessage(content=text)]},
        {"configurable": {"thread_id": thread_id}},
        stream_mode=["custom", "messages"],
    ):
        if mode == "custom":
            turn.events.append(("custom", payload))
        else:
            chunk, meta = payload
            assert isinstance(chunk, BaseMessage)
            turn.events.append(("token", (str(chunk.content), dict(meta))))
    return turn


def check_turn(expect: dict[str, Any], turn: TurnEvents) -> list[str]:
    """Every way this turn differs from what the script expects (empty: it passed)."""
    problems: list[str] = []
    expected = set(expect["experts"])
    routes = turn.customs("route")
    if len(routes) != 1:
        return [f"expected one route event, got {len(routes)}"]
    routed = {e["name"] for e in routes[0]["experts"]}
    if routed != expected:
        problems.append(f"routed to {sorted(routed)}, expected {sorted(expected)}")
    route_at = turn.first_index(lambda e: e[0] == "custom" and e[1].get("type") == "route")
    if route_at > turn.first_token:
        problems.append("the route event came after the first token")

    speakers = {labels.get("expert") for _, labels in turn.tokens}
    if speakers != routed:
        problems.append(f"tokens came from {sorted(map(str, speakers))}, routed {sorted(routed)}")
    for expert in routed:
        if not turn.text_by(expert).strip():
            problems.append(f"{expert} streamed no text")
    forbidden = set(expect.get("not_experts", [])) & (routed | speakers)
    if forbidden:
        problems.append(f"reached forbidden experts {sorted(forbidden)}")

    safety = turn.customs("safety")
    if expect.get("safety", False):
        if not safety:
            problems.append("no safety event")
        else:
            safety_at = turn.first_index(lambda e: e[0] == "custom" and e[1]["type"] == "safety")
            if safety_at > min(route_at, turn.first_token):
                problems.append("the safety event did not come first")
            escalation = safety[0].get("message", "") + turn.text_by("emergency")
            wanted = expect.get("contains_any", [])
            if wanted and not any(w in escalation for w in wanted):
                problems.append(f"escalation text has none of {wanted}")
    elif safety:
        problems.append(f"unexpected safety event {safety[0].get('flags')}")
    return problems


async def play(graph: CompiledStateGraph, script: dict[str, Any]) -> list[str]:
    """Play a script on a fresh thread; the problems of every turn, prefixed by turn number."""
    thread_id = f"{script['name']}-{uuid.uuid4().hex[:8]}"
    problems: list[str] = []
    for i, t in enumerate(script["turns"], start=1):
        turn = await graph_turn(graph, thread_id, t["user"])
        problems += [f"turn {i} ({t['user'][:40]!r}): {p}" for p in check_turn(t["expect"], turn)]
    return problems
