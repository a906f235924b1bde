"""Where the traveller sets off from is not where they go.

Why: the KB-led experts took a turn's first (or last) KB destination as the one it is about.
"I'm flying from Shanghai to Tokyo" got Shanghai's sights, "Leaving from Beijing for Bangkok,
what should I eat there?" Beijing's food, "Tokyo from Shanghai - what's the weather like?"
Shanghai's seasons, "从北京出发去西安玩三天" a Beijing-and-Xi'an plan
(origin_city_rule_2026-12-06h.md). A place written only right after a from-word ("from",
"leaving", "out of", 从, 由, 离开) or right before 出发 / 启程 / 起飞
(`prompts/origin_city.yaml`) is a start when the text names another place it does not set aside
("a day trip from Osaka that isn't Kyoto" keeps Osaka: `not_going`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Destination, KnowledgeBase, load_kb
from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "prompts" / "origin_city.yaml"


def _right_before(words: dict[str, list[str]]) -> re.Pattern[str]:
    """The words ending a text, right before a place (an English word standing alone, "the"
    allowed after it)."""
    en = "|".join(map(re.escape, words["en"]))
    zh = "|".join(map(re.escape, words["zh"]))
    return re.compile(rf"(?:(?<![a-z'])(?:{en})\s+(?:the\s+)?|(?:{zh})\s*)$", re.I)


@cache
def origin_words() -> dict[str, Any]:
    """The words right before a place that make it a start or set it aside, and the zh words
    right after that make it a start."""
    data = read_yaml(WORDS)
    return {
        "before": _right_before(data["before"]),
        "not_going": _right_before(data["not_going"]),
        "after": tuple(data["after"]["zh"]),
    }


def origins(text: str, kb: KnowledgeBase | None = None, alone: bool = False) -> set[str]:
    """The ids of the destinations the text names only as where the traveller sets off from,
    when it names another it does not refuse; else none. `alone`: also when it names no other KB
    destination (the goal may be a place the KB lacks: agents/kb_gap.py `unheld_goal`)."""
    kb = kb or load_kb()
    words = origin_words()
    found = [d.id for d in kb.find(text)]
    mentions = kb.mentions(text)

    def said(d: str, what: Callable[[str, int], bool]) -> bool:
        return all(what(term, at) for term, at in mentions[d])

    def start(term: str, at: int) -> bool:
        after = text[at + len(term) :].lstrip()
        return bool(words["before"].search(text[:at])) or after.startswith(words["after"])

    def set_aside(term: str, at: int) -> bool:
        return bool(words["not_going"].search(text[:at]))

    starts = {d for d in found if said(d, start)}
    going = [d for d in found if d not in starts and not said(d, set_aside)]
    return starts if going or alone else set()


def going(text: str, kb: KnowledgeBase | None = None) -> list[Destination]:
    """The destinations the text names, without where the traveller sets off from."""
    kb = kb or load_kb()
    left = origins(text, kb)
    return [d for d in kb.find(text) if d.id not in left]
