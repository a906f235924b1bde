"""The travel part of a turn the doctor shares: what a travel expert is handed as the question.

Why: in "I got a red ring-shaped itchy patch after playing with stray cats in Istanbul. Also,
which area should I stay in for 4 nights?" the accommodation expert (0.5B base model) was handed
the whole turn and recommended an area that "suits your red ring-shaped itchy patch" (served read
2026-12-02b, r9). The doctor answers the health part from its cards; the travel expert needs the
rest. So the newest message is cut into clauses, the health clauses (skin words and at least two
kinds of finding, `medical_questions.py`, and no travel ask, `prompts/travel_part.yaml`) are
removed, and what they said about the trip — the place, a stay in nights (a complaint's "for a
week" is how long the rash has lasted, not the trip) — is kept as a short context line before
the travel part, so "in Istanbul" is not lost with the patch.

A clause that only goes on with the complaint (short, or pointing back at it: "怎么办", "what
should I put on it?"; no travel ask, place or length of its own) goes with it. Nothing changes
when no clause is a health clause, or every clause is (the expert then has no travel part of its
own and keeps the whole turn).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage

from agents.knowledge import Lang, has_word, load_kb, text_lang
from agents.medical_questions import question_kinds
from agents.prompt_data import read_yaml
from agents.trip_length import trip_length

WORDS_FILE = Path(__file__).parent / "prompts" / "travel_part.yaml"
# A clause ends at a sentence end, a comma or semicolon (either script), or a line break; the
# delimiter stays with its clause, so the kept clauses join back as written.
MAX_TAG_WORDS, MAX_TAG_CHARS = 5, 8  # a clause that only goes on with the complaint
CLAUSE_END = re.compile(r"(?<=[。！？!?；;，,\n—–])|(?<=\.)(?=\s)|(?<=\s-)(?=\s)")


@cache
def _words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS_FILE)
    return data


@cache
def _place_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    spec = _words()["place_patterns"]
    return {lang: tuple(re.compile(p) for p in spec[lang]) for lang in ("zh", "en")}


@cache
def _time_catch() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    """The zh whole-catch time pattern, the en time words and the en time heads (lowered)."""
    spec = _words()["times"]
    pieces = "|".join(
        [spec["zh_span"], *(re.escape(w) for w in sorted(spec["zh_words"], key=len, reverse=True))]
    )
    words, heads = (frozenset(str(w).lower() for w in spec[k]) for k in ("en_words", "en_heads"))
    return re.compile(rf"(?:{pieces})+"), words, heads


def is_time(catch: str) -> bool:
    """Whether a place pattern's catch is a time, not a place ("New Year", "春节", "两天"): the
    patterns read "in/at X" and "在X期间" alike for places and times (`times` in the yaml)."""
    zh, words, heads = _time_catch()
    if text_lang(catch) == "zh":
        return zh.fullmatch(catch.strip()) is not None
    parts = [re.sub(r"['’]s$", "", w).lower() for w in catch.split()]
    return bool(parts) and (parts[-1] in heads or all(w in words for w in parts))


@cache
def _stay_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _words()["stay_length"])


def clauses(text: str) -> list[str]:
    """The text cut into clauses, each with its delimiter and the space before it."""
    return [c for c in CLAUSE_END.split(text) if c.strip()]


def asks_travel(clause: str) -> bool:
    spec = _words()["travel_ask_words"]
    return has_word([*spec["zh"], *spec["en"]], clause)


def is_health(clause: str) -> bool:
    """A clause that reports a skin complaint and asks nothing about the trip."""
    kinds = question_kinds()
    return (
        kinds.mentions_skin(clause)
        and kinds.finding_kinds(clause) >= int(_words()["min_findings"])
        and not asks_travel(clause)
    )


def places_in(text: str, lang: Lang) -> list[str]:
    """The places a clause names: the KB's destinations, then places the patterns find."""
    found = [d.name(lang) for d in load_kb().find(text)]
    for pattern in (*_place_patterns()["zh"], *_place_patterns()["en"]):
        found += [m.group(1).strip() for m in pattern.finditer(text) if not is_time(m.group(1))]
    return list(dict.fromkeys(found))


def _short(clause: str) -> bool:
    """Short enough to be a tag on the clause before ("怎么办", "is it serious?")."""
    words = clause.split()
    return len(words) <= MAX_TAG_WORDS if clause.isascii() else len(clause.strip()) <= MAX_TAG_CHARS


def _refers_back(clause: str) -> bool:
    """Points back at the complaint ("what should I put on it?", "这个要紧吗")."""
    return has_word(list(_words()["refers_back"]), clause)


def _trip_clause(clause: str, lang: Lang) -> bool:
    return asks_travel(clause) or bool(places_in(clause, lang)) or trip_length(clause) is not None


@dataclass(frozen=True)
class TravelPart:
    """The question a travel expert is handed, and whether anything was removed."""

    text: str
    removed: tuple[str, ...] = ()


def travel_part(text: str) -> TravelPart:
    """The newest message without its health clauses, their trip facts kept (module doc)."""
    parts = clauses(text)
    lang = text_lang(text)
    removed: list[str] = []
    for i, c in enumerate(parts):
        # a clause that only goes on with the complaint ("怎么办", "is it serious?"): no travel
        # ask, no place, no length of its own
        goes_on = (
            bool(removed)
            and parts[i - 1] is removed[-1]
            and (_short(c) or _refers_back(c))
            and not _trip_clause(c, lang)
        )
        if is_health(c) or goes_on:
            removed.append(c)
    kept = [c for c in parts if not any(c is r for r in removed)]
    if not removed or not kept:
        return TravelPart(text)
    rest = "".join(kept).strip().rstrip("，,；;—–- ")
    lowered = rest.lower()
    facts = [p for c in removed for p in places_in(c, lang) if p.lower() not in lowered]
    if trip_length(rest) is None:
        facts += [
            m.group(0).strip() for c in removed for p in _stay_patterns() if (m := p.search(c))
        ]
    facts = list(dict.fromkeys(facts))
    if facts:
        joined = str(_words()["joiner"][lang]).join(facts)
        rest = str(_words()["context"][lang].format(facts=joined)) + " " + rest
    return TravelPart(rest.strip(), tuple(c.strip() for c in removed))


def without_context(part: str) -> str:
    """The travel part's own words, without the context line `travel_part` puts before them
    (its places and stay were the removed clauses', not a travel ask)."""
    for template in _words()["context"].values():
        head, _, tail = str(template).partition("{facts}")
        if part.startswith(head) and (end := part.find(tail, len(head))) >= 0:
            return part[end + len(tail) :].strip()
    return part


def with_travel_part(
    thread: Sequence[BaseMessage], user_texts: Sequence[str]
) -> tuple[list[BaseMessage], list[str]]:
    """The thread and user texts with the newest message replaced by its travel part (the
    doctor, who answers the health part, still reads the whole message)."""
    if not user_texts:
        return list(thread), list(user_texts)
    part = travel_part(user_texts[-1])
    if not part.removed:
        return list(thread), list(user_texts)
    messages = list(thread)
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            messages[i] = HumanMessage(content=part.text, id=messages[i].id)
            break
    return messages, [*user_texts[:-1], part.text]
