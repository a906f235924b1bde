"""One reply made of several experts' answers, and what each answer in it was made from.

A multi-intent turn is answered by several experts and stored as one message with a section
per expert (graph/nodes.merge). The next turn reads what the answers were made from (the
doctor's cards, its call-now, a KB plan), so the merged message keeps each answer's own
metadata beside the list of experts; these two functions are the only writer and reader of
that shape. Before 2026-12-05 the merge kept only experts and models, and after any such turn
the doctor forgot its own answer: "how do I make sure I don't bring them home?" after a bedbug
answer beside a hotel section got "that doesn't sound like a skin problem" (served read 19).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage

SECTIONS = "sections"


def merged_metadata(answers: Sequence[AIMessage]) -> dict[str, Any]:
    """Who answered (in section order), with which model (so a reload labels each section as it
    streamed), and each answer's own metadata."""
    return {
        "experts": [m.name for m in answers],
        "models": [m.response_metadata.get("model_name") for m in answers],
        SECTIONS: [dict(m.response_metadata) for m in answers],
    }


def answers_in(message: AIMessage) -> list[dict[str, Any]]:
    """The metadata of each answer a reply holds: a merged reply's sections, else its own."""
    sections = message.response_metadata.get(SECTIONS)
    if isinstance(sections, list):
        return [s for s in sections if isinstance(s, dict)]
    return [message.response_metadata]
