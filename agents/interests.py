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
    # a kind that can be said away: the words that make a highlight one, and the names that only
    # borrow them (`away` in the yaml; () when the interest cannot be refused)
    away: tuple[str, ...] = ()
    borrowed: tuple[str, ...] = ()
    # the KB's `indoor` mark fits it; `weather` words ask for it only beside a `cue` word (what
    # to do or change) in a turn with no `unless` word (weather, packing, tips, lodging)
    indoor: bool = False
    weather: tuple[str, ...] = ()
    cue: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    alone: bool = False  # asked beside others, the one read (`alone` in the yaml)

    def fits(self, sight: Sight, destination: Destination) -> bool:
        """By the KB's marks (`evening`, `whole_day: leisure`, `indoor`), else the words of the
        highlight's KB text in either language ("故宫博物院" is the "Forbidden City")."""
        if self.evening and sight.evening:
            return True
        if self.leisure and sight.whole_day == "leisure":
            return True
        if self.indoor and sight.indoor:
            return True
        return any(has_word(self.sight, text) for text in kb_texts(sight, destination))

    def is_kind(self, sight: Sight, destination: Destination) -> bool:
        """The highlight is of the kind a traveller can say away: its KB text in either language
        names it by the `away` words ("浅草寺", "Meiji Shrine"), and neither names it as
        something that only borrows the word ("Temple Street Night Market")."""
        texts = kb_texts(sight, destination)
        return (
            bool(self.away)
            and any(has_word(self.away, text) for text in texts)
            and not any(has_word(self.borrowed, text) for text in texts)
        )


def kb_texts(sight: Sight, destination: Destination) -> list[str]:
    """The highlight's KB text in both languages: what an interest's words are matched on."""
    return [str(destination.data["highlights"][lang][sight.kb_order - 1]) for lang in ("zh", "en")]


def _away(spec: dict[str, Any]) -> tuple[str, ...]:
    return _both(spec.get("away", {}).get("sight", {}))


def _both(words: dict[str, Any]) -> tuple[str, ...]:
    return (*words.get("zh", ()), *words.get("en", ()))


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
                _away(spec),
                tuple(spec.get("away", {}).get("borrowed", ())),
                bool(spec.get("indoor", False)),
                _both(spec.get("weather", {}).get("words", {})),
                _both(spec.get("weather", {}).get("cue", {})),
                _both(spec.get("weather", {}).get("unless", {})),
                bool(spec.get("alone", False)),
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

    def wanted(i: Interest) -> bool:
        weather = has_word(i.cue, lowered) and not has_word(i.unless, lowered)
        words = (*i.ask, *i.weather) if weather else i.ask
        return any(_wanted_at(w, lowered, said) for w in words)

    found = [i for i in interests() if wanted(i)]
    alone = [i for i in found if i.alone]
    return tuple(i.name for i in (alone[:1] or found))


def refused_interests(text: str) -> tuple[str, ...]:
    """The kinds the question says away ("不想去寺庙", "skip the museums", "对博物馆没兴趣"), with
    the sights reader's cues, in the file's order: only kinds that can be (`away`), and not one
    also asked elsewhere in the question (in doubt, no change; kind_refused_rule_2026-12-05.md)."""
    lowered = text.lower()
    asked = asked_interests(text)

    def said_away(word: str) -> bool:
        return any(refused_at(m, lowered) for m in re.finditer(word_pattern(word), lowered))

    return tuple(
        i.name
        for i in interests()
        if i.away and i.name not in asked and any(said_away(w) for w in i.ask)
    )


def kind_words() -> frozenset[str]:
    """The ask words of the kinds that can be said away (lower case): a name key that is one of
    them ("寺庙") is read as the kind when refusals are read (`sight_wishes.without_names`)."""
    return frozenset(w.lower() for i in interests() if i.away for w in i.ask)


def of_kinds(
    names: Sequence[str], candidates: Sequence[Sight], destination: Destination
) -> list[Sight]:
    """The candidates that are of any of the named kinds (`Interest.is_kind`), in their order."""
    kinds = by_name(names)
    return [s for s in candidates if any(i.is_kind(s, destination) for i in kinds)]


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
