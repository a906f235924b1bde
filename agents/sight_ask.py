"""A question about one named KB sight, answered about that sight from the KB, no model.

Why: "the queue at <a Paris museum>, any tips to get in faster?" got all six Paris highlights and
"tell me how many days you have" (lead's served read, 2026-12-05): every itinerary turn that was
no plan became the city's list. A turn that names exactly one KB highlight (by the names the
refusal reader uses, `sight_wishes.name_keys`, with the KB's `called` short names) and asks about
it (tickets, booking, the queue, opening days, how long, worth it, when to go, tips:
`prompts/sight_ask.yaml`) gets what the KB holds on that sight — its highlight line, area, the
marks on that item (`demanding`, `whole_day`, `evening`, `months`), and the city's tips, costs and
getting-around clauses that name it — and a plain "the KB has no …" for what was asked and none of
those lines answers, never an invented price, hour or skip-the-line trick. A plan with days, a
food or transport ask, a sight refused, done or set aside for others keep their answers
(named_sight_ask_rule_2026-12-05.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.feasibility_ask import asks_days_needed
from agents.highlights import Sight, sights, words_of
from agents.itinerary_ask import ItineraryAsk
from agents.kb_answer import AIRPORT_AFTER, CLAUSE, KbAnswer, official_line
from agents.knowledge import FIELD_LABELS, Destination, Lang, has_word, load_kb, word_pattern
from agents.prompt_data import read_yaml
from agents.sight_wishes import (
    PARENTHESES,
    asks_for_others,
    mentions,
    name_keys,
    set_aside_at,
    wished_at,
)
from agents.trip_length import trip_length

WORDS = Path(__file__).parent / "prompts" / "sight_ask.yaml"
# the city's fields whose clauses naming the sight are shown (a tip, a ticket price, a way there)
FIELDS = ("tips", "typical_costs", "getting_around")


@cache
def sight_ask_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS)
    return data


def _spans(spec: dict[str, Any], text: str) -> list[tuple[int, int]]:
    """Where `spec`'s words (zh anywhere, en whole words) or patterns are in the lowered text."""
    words = [*spec.get("words", {}).get("zh", []), *spec.get("words", {}).get("en", [])]
    patterns = [word_pattern(str(w)) for w in words]
    patterns += [*spec.get("patterns", {}).get("zh", []), *spec.get("patterns", {}).get("en", [])]
    return [m.span() for p in patterns for m in re.finditer(p, text, re.IGNORECASE)]


def asked_about(question: str) -> list[str]:
    """The things asked about a sight (`asks` keys, in the word file's order); an ask whose
    every span lies inside a longer one of another ask is that one's ("how much" of "how much
    time" asks no ticket price: time_not_ticket_rule_2026-12-07b.md)."""
    text = question.lower()
    found = {kind: _spans(spec, text) for kind, spec in sight_ask_words()["asks"].items()}
    longer = [(k, s, e) for k, spans in found.items() for s, e in spans]

    def inside(kind: str, start: int, end: int) -> bool:
        return any(k != kind and s <= start and end <= e and e - s > end - start
                   for k, s, e in longer)  # fmt: skip

    return [kind for kind, spans in found.items() if any(not inside(kind, *sp) for sp in spans)]


def asks_visit_length(question: str) -> bool:
    """How long a visit takes is asked ("逛故宫要多久", "how much time at the Louvre"), in the
    stricter reading of `visit_length` (not "how long is the ferry")."""
    return bool(_spans(sight_ask_words()["visit_length"], question.lower()))


@dataclass(frozen=True)
class NamedSight:
    """The one KB highlight a turn names: its entry and its 1-based place in `highlights`."""

    destination: Destination
    item: int

    def sight(self, lang: Lang) -> Sight:
        return sights(self.destination, lang)[self.item - 1]


def _keys(sight: Sight) -> list[str]:
    """The sight's names as the refusal reader has them, without the kind words (`not_a_name`)
    and the cities' own names ("哈尔滨" is the first characters of 哈尔滨冰雪大世界)."""
    w = sight_ask_words()["not_a_name"]
    not_names = {str(k).lower() for k in [*w["zh"], *w["en"]]} | load_kb().city_names
    return [k for k in name_keys(sight, whole_area=False) if k not in not_names]


NEXT_WORD = re.compile(r"\s+([A-Za-z][\w'-]*)")


def _goes_on(m: re.Match[str], question: str, sight: Sight) -> bool:
    """An English name going on into another capitalised word that is not the sight's own text
    nor a kind word names another place ("Shibuya Sky" is not Shibuya Crossing)."""
    if not m.group().isascii() or not (nxt := NEXT_WORD.match(question, m.end())):
        return False
    word = nxt.group(1)
    kinds = {str(k).lower() for k in sight_ask_words()["goes_on"]}
    own = f"{m.group()} {word.lower()}" in sight.text.lower()
    return word[0].isupper() and word.lower() not in kinds and not own


def _mentions_of(
    sight: Sight, question: str, asked_spans: list[tuple[int, int]]
) -> list[re.Match[str]]:
    """Where the question names the sight; a key that is the ask word itself ("需预约" of
    "需预约时段") names nothing, nor one going on into another name (`_goes_on`) or an airport's
    ("屯溪机场" is not 屯溪老街; day_drop_rule_2026-12-07a.md)."""
    text = question.lower()
    return [
        m
        for m in mentions(_keys(sight), text)
        if not any(s < m.end() and m.start() < e for s, e in asked_spans)
        and not _goes_on(m, question, sight)
        and not re.match(AIRPORT_AFTER, text[m.end() :])
    ]


def _set_by(m: re.Match[str], text: str) -> bool:
    """The sight named at `m` is no wish (said away, refused, done) or set aside for others."""
    return not wished_at(m, text) or set_aside_at(m, text)


def named_sight(question: str) -> NamedSight | None:
    """The one KB highlight the question names (in either language's KB text), or None when it
    names none, two or more, or one it refuses, has done or sets aside. A name inside a longer
    name of another highlight is that one's ("vatican" of "Vatican Museums", not St. Peter's by
    its area "the Vatican")."""
    text = question.lower()
    asked_spans = [
        span for spec in sight_ask_words()["asks"].values() for span in _spans(spec, text)
    ]
    found: list[tuple[NamedSight, list[re.Match[str]]]] = []
    for destination in load_kb().find(question):
        by_lang = [sights(destination, lang) for lang in ("zh", "en")]
        for item, pair in enumerate(zip(*by_lang, strict=True), start=1):
            if ms := [m for s in pair for m in _mentions_of(s, question, asked_spans)]:
                found.append((NamedSight(destination, item), ms))
    if any(_set_by(m, text) for _, ms in found for m in ms):
        return None  # refused, done or set aside: the list and plan readers' turn

    def inside(m: re.Match[str], other: list[re.Match[str]]) -> bool:
        return any(
            o.start() <= m.start() and m.end() <= o.end() and o.end() - o.start() > len(m.group())
            for o in other
        )

    named = [
        n
        for n, ms in found
        if not all(inside(m, [o for k, os in found if k != n for o in os]) for m in ms)
    ]
    return named[0] if len(named) == 1 else None


def _plan_kept(question: str) -> bool:
    w = sight_ask_words()["plan_kept"]
    text = question.lower()
    return any(re.search(word_pattern(str(p)), text) for p in [*w["zh"], *w["en"]])


def is_sight_ask(question: str, ask: ItineraryAsk) -> bool:
    """Whether the turn asks about one sight rather than for a plan, a list, food or a way there
    (module doc). A weak plan word ("plan to spend", "每天限流") yields; a trip length does not."""
    if ask.food or ask.dishes or trip_length(question) or asks_days_needed(question):
        return False
    if ask.plan and _plan_kept(question):
        return False
    text = question.lower()
    words = sight_ask_words()
    if _spans(words["not_asked"], text) or _spans(words["other_asks"], text):
        return False  # a way there, a place to stay, or other places asked for
    if asks_for_others(text) or has_word(words_of("see_words"), question):
        return False  # "I want X, what else is worth seeing", "有什么好玩的？X值得去吗"
    return bool(asked_about(question))


def sight_clauses(
    destination: Destination, sight: Sight, lang: Lang, fields: Sequence[str] = FIELDS
) -> list[str]:
    """The city's clauses of `fields` (tips, costs, getting around) that name the sight,
    labelled."""
    keys = _keys(sight)
    sep = "：" if lang == "zh" else ": "
    lines: list[str] = []
    for field in fields:
        value = destination.data.get(field, {})
        value = value.get(lang) if isinstance(value, dict) else None
        parts = value if isinstance(value, list) else CLAUSE.findall(str(value or ""))
        for part in (str(p).strip().rstrip("；;") for p in parts):
            if part and mentions(keys, part.lower()):
                lines.append(f"**{FIELD_LABELS[field][lang]}**{sep}{part}")
    return lines


def _months(sight: Sight, t: dict[str, Any]) -> str:
    names = t.get("month_names")
    return str(t["month_joiner"]).join(names[m - 1] if names else str(m) for m in sight.months)


def sight_ask_answer(question: str, ask: ItineraryAsk, lang: Lang) -> KbAnswer | None:
    """What the KB holds on the one sight the question asks about, and what it lacks of the
    things asked; None when the turn is no named-sight ask (the list or plan answers it)."""
    if not is_sight_ask(question, ask) or (named := named_sight(question)) is None:
        return None
    words = sight_ask_words()
    t = words["texts"][lang]
    destination, sight = named.destination, named.sight(lang)
    name = PARENTHESES.sub("", sight.text).strip()
    city = destination.name(lang)
    held = [t["entry"].format(text=sight.text)]
    held.append(t["area_apart" if sight.area.apart else "area"].format(area=sight.area.name))
    if sight.demanding:
        held.append(t["demanding"].format(why=sight.demanding))
    if sight.whole_day:
        held.append(t["whole_day"][sight.whole_day])
    if sight.evening:
        held.append(t["evening"])
    if sight.months:
        held.append(t["months"].format(months=_months(sight, t)))
    held += sight_clauses(destination, sight, lang)
    asks = asked_about(question)
    extra = [words["asks"][k]["line"][lang].format(city=city) for k in asks
             if "line" in words["asks"][k]]  # fmt: skip
    shown = "\n".join(held).lower()
    lacking = [
        str(words["asks"][k]["missing"][lang])
        for k in asks
        if "missing" in words["asks"][k]
        and not any(
            re.search(word_pattern(str(w)), shown)
            for w in words["asks"][k].get("held", {}).get(lang, [])
        )
    ]
    lines = [t["intro"].format(sight=name, city=city), *held, *extra]
    if lacking:
        things = str(t["things_joiner"]).join(dict.fromkeys(lacking))
        lines.append(t["missing"].format(sight=name, things=things))
    lines.append(t["plan_offer"])
    if official := official_line([destination], lang, "itinerary"):
        lines.append(official)
    return KbAnswer("sight_ask", "\n".join(lines), (destination.id,))
