"""The typed state every node reads and writes."""

from __future__ import annotations

from typing import Annotated, TypedDict

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages


class RoutedExpert(TypedDict):
    name: str
    domain: str
    model: str


class InputState(TypedDict):
    messages: Annotated[list[AnyMessage], add_messages]


class State(InputState, total=False):
    route: list[RoutedExpert]
    experts_used: list[str]
    safety_flags: list[str]
