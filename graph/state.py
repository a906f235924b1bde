"""The typed state every node reads and writes.

`messages` is the thread (add_messages); the other keys describe the latest turn and are
overwritten on every turn by the safety node, so a checkpoint always shows how the last turn
was handled.
"""

from __future__ import annotations

from typing import Annotated, Any, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages


class RoutedExpert(TypedDict):
    name: str
    domain: str
    model: str


class InputState(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]


class State(InputState, total=False):
    route: list[RoutedExpert]  # who answers this turn, in order
    route_reason: str  # why (router or safety rule), for logs and the route event
    route_lead: str  # the expert the router led with (the others it added); "" when none
    experts_used: list[str]  # who has answered this turn so far
    safety_flags: list[str]  # red flags raised this turn (empty: none)
    injection: bool  # the turn looks like a prompt injection
    escalation: str  # the emergency reply of this turn ("" when none)
    safety_outcome: dict[str, Any]  # the safety event of this turn's escalation (no message)
    urgent_banner: str  # the urgent-care banner above the doctor's answer ("" when none)
