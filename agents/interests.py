"""What a sights question is interested in, and which of a destination's highlights fit it.

Why: "museums in X", "good for kids", "nightlife" got the same KB list as any sights ask — the
interest was ignored. An interest (`prompts/interests.yaml`) is read from the question's words;
a highlight fits it by the KB's own marks first (`evening`: for the evening; `whole_day:
leisure`: a theme park, zoo or river day, a family day) and otherwise by the words of its own KB
text. What fits is listed first; when nothing in the entry fits, the answer says so rather than
passing other sights off as the interest (`sights_answer.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.highlights import Sight
from agents.knowledge import Destination, Lang, has_word, word_pattern
from agents.knowledge.negation import affirmed
from agents.prompt_data import read_yaml
from agents.sight_wishes import refused_at

TEXTS = Path(__file__).parent / "prompts" / "interests.yaml"


@cache
def interest_data() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TEXTS)
    return data


@dataclass(frozen=True)
class Interest:
    name: str
    ask: tuple[str, ...]
    sight: tuple[str, ...]
    evening: bool
    leisure: bool
    label: dict[str, str]
    note: dict[str, str] | None

    def fits(self, sight: Sight, destination: Destination) -> bool:
        """By the KB's marks (`evening`, `whole_day: leisure`), else the words of the
        highlight's KB text in either language ("故宫博物院" is the "Forbidden City")."""
        if self.evening and sight.evening:
            return True
        if self.leisure and sight.whole_day == "leisure":
            return True
        texts = [str(destination.data["highlights"][lang][sight.kb_order - 1])
                 for lang in ("zh", "en")]  # fmt: skip
        return any(has_word(self.sight, text) for text in texts)


@cache
def interests() -> tuple[Interest, ...]:
    out = []
    for name, spec in interest_data()["interests"].items():
        out.append(
            Interest(
                name,
                (*spec["ask"]["zh"], *spec["ask"]["en"]),
                (*spec["sight"]["zh"], *spec["sight"]["en"]),
                bool(spec.get("evening", False)),
                bool(spec.get("leisure", False)),
                dict(spec["label"]),
                dict(spec["note"]) if spec.get("note") else None,
            )
        )
    return tuple(out)


def _wanted_at(word: str, text: str, said: str) -> bool:
    """The word is in the text at a place that is affirmed (`said`: negated spans blanked, same
    positions) and not said away ("not into shopping", "skip the museums", "对购物没兴趣")."""
    return any(
        said[m.start() : m.end()] == m.group() and not refused_at(m, text)
        for m in re.finditer(word_pattern(word), text)
    )


def asked_interests(text: str) -> tuple[str, ...]:
    """The interests the question names as wanted, in the file's order: "not into shopping"
    names no interest (served 18 r18 got a shopping plan; interest_refused_rule_2026-12-04q.md)."""
    lowered = text.lower()
    said = affirmed(lowered)
    return tuple(i.name for i in interests() if any(_wanted_at(w, lowered, said) for w in i.ask))


def by_name(names: Sequence[str]) -> list[Interest]:
    return [i for i in interests() if i.name in names]


def fitting(
    names: Sequence[str], candidates: Sequence[Sight], destination: Destination
) -> list[Sight]:
    """The candidates that fit any of the named interests, in KB order."""
    wanted = by_name(names)
    return [s for s in candidates if any(i.fits(s, destination) for i in wanted)]


def label(names: Sequence[str], lang: Lang) -> str:
    joiner = str(interest_data()["texts"][lang]["joiner"])
    return joiner.join(i.label[lang] for i in by_name(names))


def notes(names: Sequence[str], lang: Lang) -> list[str]:
    return [i.note[lang] for i in by_name(names) if i.note]
