"""The typed `custom` stream events of a turn: one schema per event, one module.

The graph emits them (`emit`), and the API, the Python client and the page read them (`parse`)
instead of digging in dicts by string key. On the wire each is a JSON object with a `type`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from langgraph.config import get_stream_writer
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from agents.guard.gate import Block


class RoutedExpert(BaseModel):
    name: str = Field(examples=["medical"])
    domain: str = Field(examples=["medical"])
    model: str = Field(examples=["medical-expert"])


class RouteEvent(BaseModel):
    """Who answers this turn, in order; sent before the first token. An expert the router added
    that has nothing for the turn sends no token and has no section (agents/quiet_expert.py)."""

    type: Literal["route"] = "route"
    experts: list[RoutedExpert]
    reason: str = Field(description="Why: the rule, the triage layer or the router")


class SafetyEvent(BaseModel):
    """An escalation: sent before anything else; `message` is the whole fixed reply — or, at
    level `urgent` (a net-only escalation softened to the doctor, graph/triage/urgent.py), the
    urgent-care banner that tops the doctor's answer. Level `watch`: the whole fixed reply is
    heat exhaustion's self-care first aid with when to call (emergency.yaml `watch`), not the
    call-now template (category_rule_2026-12-07i.md)."""

    type: Literal["safety"] = "safety"
    level: Literal["emergency", "self_harm", "urgent", "watch"] = "emergency"
    category: str | None = Field(default=None, examples=["anaphylaxis", "self_harm"])
    flags: list[str] = Field(default_factory=list, description="Rule ids or the triage layer")
    reason: str = ""
    destination: str | None = Field(default=None, description="KB destination id, if known")
    emergency_numbers: str = Field(description="The numbers to call, in the user's language")
    message: str


class GuardEvent(BaseModel):
    """A sentence the response guard blocked. It carries what the user saw instead, never the
    blocked sentence: the event reaches the client, and the point of the guard is that the
    hazardous text does not."""

    type: Literal["guard"] = "guard"
    tag: str = Field(description="The first hazard tag found", examples=["antifungal"])
    tags: list[str] = Field(
        default_factory=list, description="Every hazard tag found in the sentence"
    )
    expert: str = Field(description="The expert whose answer was guarded", examples=["medical"])
    replaced: str = Field(
        description=(
            "The text shown in place of the blocked sentence ('' when it was dropped); when its"
            " first clauses were already shown (they held no hazard word), in place of the rest"
        ),
        examples=["An antifungal cream is not the right treatment for this."],
    )

    @classmethod
    def from_block(cls, block: Block, expert: str) -> GuardEvent:
        return cls(tag=block.tag, tags=list(block.tags), expert=expert, replaced=block.replacement)


TurnEvent = Annotated[RouteEvent | SafetyEvent | GuardEvent, Field(discriminator="type")]
_ADAPTER: TypeAdapter[RouteEvent | SafetyEvent | GuardEvent] = TypeAdapter(TurnEvent)


def emit(event: RouteEvent | SafetyEvent | GuardEvent) -> None:
    """Write the event to the run's `custom` stream."""
    get_stream_writer()(event.model_dump())


def parse(data: Any) -> RouteEvent | SafetyEvent | GuardEvent | None:
    """A `custom` payload as its typed event (None: not one of ours)."""
    try:
        return _ADAPTER.validate_python(data)
    except ValidationError:
        return None
