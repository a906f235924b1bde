"""How a thread is shown to the triage adapter, and how its answer reads. Used by training
(`graph.triage.sft`) and at run time alike, so the two can never drift apart.

The answer is a short label line: `emergency chest_pain`, `self_harm`, `itinerary medical`,
`out_of_scope`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage

from agents.history import text_of
from graph.triage.labels import CATEGORIES, EMERGENCY, LABELS, SELF_HARM, ordered

SYSTEM = "旅小智分诊 Trip Genius triage: label the last user turn."
EARLIER_TURNS = 2  # earlier user turns shown
EARLIER_CHARS = 160  # each cut to this many characters
NOW_CHARS = 600


def head_and_tail(text: str, limit: int) -> str:
    """A long turn cut to its start and its end: the urgent part often comes last ("…anyway,
    that's the trip so far. oh and dad just collapsed"), so a plain cut would lose it."""
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} … {text[-half:]}"


def render(messages: Sequence[BaseMessage]) -> str:
    """The thread as one compact user message: a few earlier turns, then the turn to label."""
    lines: list[str] = []
    humans = [i for i, m in enumerate(messages) if isinstance(m, HumanMessage)]
    if not humans:
        return ""
    last = humans[-1]
    for i in humans[-1 - EARLIER_TURNS : -1]:
        lines.append(f"[earlier] {text_of(messages[i])[:EARLIER_CHARS]}")
        reply = next((m for m in messages[i + 1 : last] if isinstance(m, AIMessage)), None)
        if reply is not None and reply.name:
            lines.append(f"[answered by] {reply.name}")
    lines.append(f"[now] {head_and_tail(text_of(messages[last]), NOW_CHARS)}")
    return "\n".join(lines)


def answer_line(labels: Sequence[str], category: str | None) -> str:
    found = ordered(tuple(labels))
    if found == (EMERGENCY,):
        return f"{EMERGENCY} {category or 'other'}"
    return " ".join(found)


@dataclass(frozen=True)
class TriageAnswer:
    labels: tuple[str, ...]
    category: str | None = None


def parse_answer(text: str) -> TriageAnswer | None:
    """The adapter's label line, or None when it is not one (the caller falls back)."""
    words = text.strip().split()
    if not words:
        return None
    if words[0] == EMERGENCY:
        category = words[1] if len(words) > 1 and words[1] in CATEGORIES else None
        return TriageAnswer((EMERGENCY,), category)
    if words[0] == SELF_HARM:
        return TriageAnswer((SELF_HARM,), SELF_HARM)
    labels = [w for w in words if w in LABELS]
    if not labels or len(labels) != len(words):
        return None
    return TriageAnswer(ordered(labels))
