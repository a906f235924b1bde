"""The way to one named sight of a city, from what the KB holds on reaching it.

Why: "what's the best way to get from Kyoto to Nara and back in a day?", "从上海市区去迪士尼怎么走"
got the city's getting-there line (the Shinkansen from Tokyo, the airports): an answer to another
question (served read 39 u2). The KB often holds the way to a sight in the city's getting-around
("reach the Terracotta Army by Metro Line 9 plus bus"); where it does not, the answer says so and
where to look, never an invented line or time (sight_route_rule_2026-12-06j.md).
"""

from __future__ import annotations

from agents.feasibility import days_needed_lines
from agents.kb_answer import Lead, asked_topics, kb_texts
from agents.knowledge import Destination, KnowledgeBase, Lang, has_word
from agents.sight_ask import asks_visit_length, named_sight, sight_clauses
from agents.sight_wishes import PARENTHESES

# the fields whose clauses can tell the way to a sight
ROUTE_FIELDS = ("getting_around", "getting_there")
ROUTE_TOPICS = ("getting_there", "duration")
LANGS: tuple[Lang, Lang] = ("zh", "en")


def _from_arrival(question: str, destination: Destination) -> bool:
    """The way starts where the city's getting-there line speaks (an airport, "Narita", "浦东机场"):
    that line answers part of it, so it stays."""
    words = kb_texts()["sight_route"]["keeps_getting_there"]
    arrival = " ".join(destination.field_text("getting_there", lang) or "" for lang in LANGS)
    named_there = [str(a) for a in destination.data.get("aliases", []) if str(a) in arrival]
    return has_word([*words["zh"], *words["en"], *named_there], question)


def sight_route_lead(question: str, kb: KnowledgeBase, lang: Lang) -> Lead | None:
    """The lead of a transport answer to "how do I get to <one KB sight>": the KB's clauses that
    name it, else a plain gap beside the city's getting-around; None when the turn asks another
    topic and no way there, names no one sight, or names a second KB destination (a route
    between two cities)."""
    # no topic word at all but a way asked ("曼谷市区去大皇宫怎么走", "the way out to …")
    texts = kb_texts()["sight_route"]
    topics = asked_topics(question, "transport")
    cues = texts["route_cues"]
    asks_way = not topics and has_word([*cues["zh"], *cues["en"]], question)
    if visit_length_asked(question, topics):
        # "杭州一般要玩多久": the KB's suggested days, not the time on the road (a sight named is
        # the sight's own answer: agents/kb_led.py); visit_length_rule_2026-12-07a.md
        found = kb.find(question)[:2]
        lines = days_needed_lines(found, lang) if len(found) == 1 else []
        return Lead(tuple(lines), drop=("getting_there",)) if lines else None
    if not (asks_way or set(ROUTE_TOPICS) & set(topics)):
        return None
    if len(kb.find(question)[:2]) > 1 or (named := named_sight(question)) is None:
        return None
    sight = named.sight(lang)
    name = PARENTHESES.sub("", sight.text).strip()
    held = sight_clauses(named.destination, sight, lang, ROUTE_FIELDS)
    drop = () if _from_arrival(question, named.destination) else ("getting_there",)
    if held:
        # the clauses are the answer; the whole getting-around line would say them again
        heading = texts[lang]["held"].format(name=name)
        return Lead((heading, *held), drop=(*drop, "getting_around"))
    gap = texts[lang]["gap"].format(name=name, area=sight.area.name)
    return Lead((gap,), drop=drop, add=("getting_around",))


def visit_length_asked(question: str, topics: list[str] | None = None) -> bool:
    """How long a visit takes is asked and no way there (no getting-there word, no way cue):
    "从市区到兵马俑要多久" stays a travel time."""
    topics = asked_topics(question, "transport") if topics is None else topics
    cues = kb_texts()["sight_route"]["route_cues"]
    way = "getting_there" in topics or has_word([*cues["zh"], *cues["en"]], question)
    return asks_visit_length(question) and not way
