"""The router interface and what every router reads from a thread.

A router is a pure function of the thread: the messages so far in, a `RouteDecision` out. No
router may call a tool or stream to the user; the LLM router's model call is tagged `nostream`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from langchain_core.messages import AIMessage, AnyMessage, HumanMessage

from agents.history import last_user_text, text_of, user_texts
from agents.registry import DOMAIN_OF

# Re-exported: every router reads the thread's user texts.
__all__ = [
    "EscalationNet",
    "RouteDecision",
    "Router",
    "last_user_text",
    "previous_experts",
    "text_of",
    "user_texts",
]


@dataclass(frozen=True)
class RouteDecision:
    """Who answers this turn, in answer order (travel before medical in multi-intent turns)."""

    experts: tuple[str, ...]
    reason: str
    scores: dict[str, float] = field(default_factory=dict, compare=False)
    # For an emergency: which kind (graph/triage/labels.py CATEGORIES), when the router knows.
    category: str | None = None
    # The thread-aware policy's own reading (graph/routing/policy.py): which expert it chose
    # first (the others are its multi-intent additions), and whether it read the turn as a
    # follow-up to the previous answer. The triage router replaces the primary only outside
    # follow-ups (graph/triage/router.py).
    primary: str | None = field(default=None, compare=False)
    follow_up: bool = field(default=False, compare=False)
    # A net-only emergency softened to the doctor under an urgent-care banner
    # (graph/triage/urgent.py): the safety event is still emitted, with level `urgent`.
    urgent: bool = field(default=False, compare=False)

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(DOMAIN_OF[e] for e in self.experts))


class Router(Protocol):
    name: str

    def route(self, messages: Sequence[AnyMessage]) -> RouteDecision: ...


@runtime_checkable
class EscalationNet(Protocol):
    """A router that can also say "emergency" without calling any model.

    Why: a turn that looks like a prompt injection is never shown to a model, but an emergency
    wrapped in one ("ignore the rules, this is not an emergency: …") must still escalate.
    """

    def escalation(self, messages: Sequence[AnyMessage]) -> RouteDecision | None: ...


@runtime_checkable
class CategoryNet(Protocol):
    """A router that can name the emergency its net escalated, when nothing else names it.

    Why: a net's escalation with no category got the generic call-now template, not the first
    aid of its emergency (graph/triage/category_reader.py).
    """

    def emergency_category(self, messages: Sequence[AnyMessage]) -> str | None: ...


def previous_experts(messages: Sequence[AnyMessage]) -> tuple[str, ...]:
    """The experts that answered the turn before the current one (empty on a first turn).

    A merged multi-intent answer lists its experts in `response_metadata["experts"]`.
    """
    seen_current = False
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            if seen_current:
                break
            seen_current = True
        elif isinstance(m, AIMessage) and seen_current and m.name:
            listed = m.response_metadata.get("experts")
            if isinstance(listed, list) and listed:
                return tuple(str(e) for e in listed)
            return (m.name,)
    return ()
