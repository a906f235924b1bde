"""KB-led transport and practicalities answers: the destination's facts, chosen by what was asked.

Why: with the fact sheet in its prompt, the 0.5B base model still answered
"从重庆去成都坐高铁要多久？当天往返来得及吗？" with an invented airport, Xi'an and "return to
Beijing", although the KB says about 1-1.5 hours (served answers read on 2026-12-02; 8 of 12
non-itinerary validation answers wrong). So, like the doctor's card-led answers
(`card_answer.py`), the answer is the KB's own text, no model:

- the topics the question asks (`prompts/kb_answer.yaml`: getting there, travel time, a day trip,
  getting around, costs, money, emergency numbers, season, tips) pick the KB fields;
- a route between two KB destinations keeps the clauses that name the other one ("高铁连接重庆
  （约1-1.5小时）");
- "a day trip?" is read off the one-way hours the KB gives (a stated rule, not a guess);
- what the KB has no fact for is said plainly, with the country's official source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage

from agents.expert import scripted_message
from agents.knowledge import (
    FIELD_LABELS,
    Destination,
    KnowledgeBase,
    Lang,
    compiled,
    has_word,
    load_kb,
    text_lang,
    word_pattern,
)
from agents.knowledge.power import power_lines
from agents.knowledge.regions import Region, region_asked, region_destinations
from agents.origin_city import origins
from agents.prompt_data import read_yaml

TEXTS = Path(__file__).parent / "prompts" / "kb_answer.yaml"
OFFICIAL = Path(__file__).parent / "knowledge" / "official_sources.yaml"
KB_LED = "kb_led"
# One-way hours up to which a same-day return is "doable", and beyond which it is "not realistic".
DAY_TRIP_EASY_HOURS = 2.0
DAY_TRIP_MAX_HOURS = 3.5
CLAUSE = re.compile(r"[^；;。]+[；;。]?")
# A field's clauses and sentences ("…cities. Chinese passport holders need a Japanese visa.")
PART = re.compile(r"(?<=[；;。])|(?<=[.;])\s+")
HOURS = re.compile(
    r"约?\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*(?:个)?\s*(小时|hours?|h\b)"
    r"|约?\s*(\d+)(?:\s*-\s*(\d+))?\s*(分钟|minutes)",
    re.I,
)


@cache
def kb_texts() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TEXTS)
    return data


@cache
def official_sources() -> dict[str, list[dict[str, str]]]:
    data: dict[str, list[dict[str, str]]] = read_yaml(OFFICIAL)
    return data


@dataclass(frozen=True)
class KbAnswer:
    """A scripted answer from the KB and what it was made from (stored on the reply)."""

    kind: str
    text: str
    destinations: tuple[str, ...] = ()

    def message(self) -> AIMessage:
        return scripted_message(self.text, KB_LED, self.kind, destinations=list(self.destinations))


@dataclass(frozen=True)
class Lead:
    """Lines a facts answer opens with, and the fields they stand in for (`drop`) or bring
    (`add`): the way to one named sight replaces the city's getting-there line
    (agents/sight_route.py)."""

    lines: tuple[str, ...]
    drop: tuple[str, ...] = ()
    add: tuple[str, ...] = ()


def _words(spec: dict[str, Any]) -> list[str]:
    return [*spec.get("zh", []), *spec.get("en", [])]


def asked_topics(question: str, expert: str) -> list[str]:
    """The topics the question asks about, in the file's order; the expert's overview if none."""
    topics = kb_texts()["topics"]
    found = [
        name
        for name, spec in topics.items()
        if has_word(_words(spec["words"]), question) and expert in spec.get("experts", [expert])
    ]
    if expert == "practicalities":
        # Travel times and routes are the transport expert's; "day trip" alone is no route question.
        found = [t for t in found if t not in ("getting_there", "duration", "day_trip")]
    return found


def hours_in(text: str) -> tuple[float, float] | None:
    """The first travel time a text gives, in hours (low, high): "约1-1.5小时" -> (1.0, 1.5)."""
    m = HOURS.search(text)
    if m is None:
        return None
    if m.group(1):
        low = float(m.group(1))
        return low, float(m.group(2) or low)
    low = float(m.group(4)) / 60
    return low, (float(m.group(5)) / 60 if m.group(5) else low)


def _names(destination: Destination) -> list[str]:
    return [destination.name_zh, destination.name_en, *destination.data.get("aliases", [])]


# A name right before an airport word is the airport ("关西机场", "Kansai Airport"), not the city:
# for a leg between two planned cities, Kyoto's "关西机场（KIX）乘Haruka特急约75分钟" is no way
# from Osaka (kansai_rule_2026-12-06.md). An ask from the airport ("关西机场到京都怎么走") wants it.
AIRPORT_AFTER = r"\s*(?:国际)?机场|\s+(?:international\s+)?airport\b"


def _names_city(names: Sequence[str], clause: str) -> bool:
    lowered = clause.lower()
    for name in names:
        lowered = re.sub(word_pattern(name) + f"(?:{AIRPORT_AFTER})", " ", lowered)
    return has_word(names, lowered)


def clauses_naming(text: str, other: Destination, airports: bool = True) -> str:
    """The clauses of a field that name the other destination of a route ("" if none does);
    `airports=False`: a clause naming only its airport does not count (a city-to-city leg)."""
    clauses = [c.strip() for c in CLAUSE.findall(text) if c.strip()]
    names = _names(other)
    named = (c for c in clauses if (has_word(names, c) if airports else _names_city(names, c)))
    return "".join(named).rstrip("；;")


def route_clauses(text: str, other: Destination | None) -> str:
    """The clauses of a field that name the other destination of a route, else the whole text."""
    if other is None:
        return text
    return clauses_naming(text, other) or text


def route_between(main: Destination, other: Destination, lang: Lang) -> str:
    """The KB's clauses on the way between two destinations, from either end's `getting_there`
    ("" when neither names the other)."""
    route = clauses_naming(main.field_text("getting_there", lang) or "", other)
    if hours_in(route) is None:
        route = clauses_naming(other.field_text("getting_there", lang) or "", main) or route
    return route


def _span(low: float, high: float, lang: Lang) -> str:
    """A time span as a person reads it: minutes under an hour and a half ("25-40 min"), else
    hours to one decimal ("1-1.5 h") — never the raw fraction of an hour a sum gives
    ("0.416667-0.666667 h" for a 25-40 minute train)."""
    minutes = high < 1.5
    units = {("zh", True): "分钟", ("zh", False): "小时", ("en", True): " min", ("en", False): " h"}

    def one(value: float) -> str:
        return f"{5 * round(value * 12):g}" if minutes else f"{round(value, 1):g}"

    low_s, high_s = one(low), one(high)
    return (low_s if low_s == high_s else f"{low_s}-{high_s}") + units[(lang, minutes)]


def day_trip_line(route_text: str | None, lang: Lang) -> str:
    t = kb_texts()["texts"][lang]
    found = hours_in(route_text) if route_text else None
    if found is None:
        return str(t["day_trip_unknown"])
    low, high = found
    hours = _span(low, high, lang)
    round_trip = _span(2 * low, 2 * high, lang)
    key = (
        "day_trip_yes"
        if high <= DAY_TRIP_EASY_HOURS
        else "day_trip_tight"
        if high <= DAY_TRIP_MAX_HOURS
        else "day_trip_no"
    )
    return str(t[key].format(hours=hours, round_trip=round_trip))


def official_line(destinations: Sequence[Destination], lang: Lang, expert: str) -> str:
    t = kb_texts()["texts"][lang]
    seen: dict[str, str] = {}
    for d in destinations:
        country = str(d.data.get("country", {}).get("en", ""))
        for s in official_sources().get(country, []):
            if expert not in s.get("experts", [expert]) or d.id not in s.get("places", [d.id]):
                continue  # another expert's source, or another destination's (Visit Jeju)
            name = s[lang] + (f" {s['url']}" if s.get("url") else "")
            seen.setdefault(name, name)
    return str(t["official"].format(sources=t["source_joiner"].join(seen))) if seen else ""


def _label(field: str, destination: Destination, lang: Lang) -> str:
    """A field's label naming its destination, when an answer holds two."""
    label = FIELD_LABELS[field][lang]
    return (
        f"{label}（{destination.name(lang)}）"
        if lang == "zh"
        else f"{label} ({destination.name(lang)})"
    )


def _field_lines(
    fields: Sequence[str], destination: Destination, other: Destination | None, lang: Lang,
    tip_words: Sequence[str] = (), named: bool = False, clause_words: Sequence[str] = (),
) -> list[str]:  # fmt: skip
    """The fields' lines; labelled with the destination's name when the answer holds two
    (`other`) or speaks for a country (`named`); with `clause_words`, a field's text is only its
    clauses that hold one (a visa note, not the airports around it)."""
    t = kb_texts()["texts"][lang]
    lines = []
    for field in fields:
        if field == "tips":
            # Whole tips, one after another (a tip has commas of its own); only the asked kind.
            tips = destination.data.get("tips", {}).get(lang, [])
            kept = [x for x in tips if not tip_words or has_word(tip_words, x)]
            text = ("；" if lang == "zh" else "; ").join(kept)
        else:
            text = destination.field_text(field, lang) or ""
            if field == "getting_there":
                text = "" if _said_at_other_end(text, destination, other, lang) else text
                text = route_clauses(text, other)
            if clause_words:
                kept = [c for c in PART.split(text) if has_word(clause_words, c)]
                text = ("" if lang == "zh" else " ").join(kept)
        if text:
            label = (
                _label(field, destination, lang) if other or named else FIELD_LABELS[field][lang]
            )
            lines.append(t["section"].format(label=label, text=text))
    return lines


def _said_at_other_end(
    text: str, destination: Destination, other: Destination | None, lang: Lang
) -> bool:
    """The route is in the other end's `getting_there` and in no clause of this end's: this
    end's airports and other cities are no part of it ("Kyoto to Osaka" showed Osaka's KIX and
    Tokyo lines; route_other_end_rule_2026-12-06.md)."""
    if other is None or clauses_naming(text, other):
        return False
    return bool(clauses_naming(other.field_text("getting_there", lang) or "", destination))


def _said(spec: dict[str, Any] | list[dict[str, Any]], question: str) -> bool:
    """The spec's literal words, or its `patterns` (regular expressions, either language): a
    thing told in many word orders ("把护照弄丢了", "someone stole my wife's passport"); a list
    of specs is said when any one is (visa's `unless`: a lost passport, a lost wallet)."""
    if isinstance(spec, list):
        return any(_said(s, question) for s in spec)
    patterns = _words(spec.get("patterns", {}))
    return has_word(_words(spec), question) or any(
        compiled(p, re.IGNORECASE).search(question) for p in patterns
    )


def asked_gaps(question: str, expert: str | None = None) -> list[dict[str, Any]]:
    """The topics asked that the KB holds no fact for (visa, plugs, SIM cards, …); with an
    expert, only those it answers (a topic's `experts`, else the expert it brings — `joins`,
    always routed with it, so the line is said once; all when unsaid)."""
    return [
        _as_asked(g, question)
        for g in kb_texts()["missing"].values()
        if _said(g["words"], question)
        and (expert is None or expert in g.get("experts", [g.get("joins", expert)]))
        and not _said(g.get("unless", {}), question)
        and ("also" not in g or has_word(_words(g["also"]), question))
    ]


def _as_asked(spec: dict[str, Any], question: str) -> dict[str, Any]:
    """A topic as the question asks it: without the fields that hold it (its "no vetted facts"
    line answers) when the question does not say what they hold (`held_if`) or says whom they
    are not for (`held_unless`: a visa note for Chinese passports, a US passport named)."""
    held = _said(spec["held_if"], question) if "held_if" in spec else True
    if held and not _said(spec.get("held_unless", {}), question):
        return spec
    return {k: v for k, v in spec.items() if k != "field"}


def experts_joining(question: str, leading: bool = False) -> set[str]:
    """The experts a turn brings by asking a gap topic that names one (`joins`: a lost or stolen
    passport brings practicalities, whatever the classifier reads); `leading`: only those whose
    topic takes the lead from the classifier's travel expert (not `beside`: "safe place to stay
    as a solo woman" stays lodging's ask, personal_safety_rule_2026-12-06i.md)."""
    return {
        str(g["joins"])
        for g in asked_gaps(question)
        if g.get("joins") and not (leading and g.get("beside"))
    }


def not_complaints(question: str) -> tuple[str, set[str]]:
    """The turn without the words its asked topics say name no complaint, and the emergency-sign
    groups they name (`not_complaints`: 高反 and 海拔 asked as a destination fact, the `altitude`
    sign's "Lhasa"; altitude_lead_rule_2026-12-06i.md)."""
    specs = [g.get("not_complaints", {}) for g in asked_gaps(question)]
    for word in sorted({w for spec in specs for w in _words(spec)}, key=len, reverse=True):
        question = re.sub(re.escape(word), " ", question, flags=re.IGNORECASE)
    return question, {str(sign) for spec in specs for sign in spec.get("signs", [])}


def gap_facts(spec: dict[str, Any], destination: Destination, lang: Lang) -> list[str]:
    """The facts a data file holds for a topic the destinations do not (plugs: power.yaml, per
    country); none: the topic's "no vetted facts" line answers."""
    if spec.get("facts") != "power":
        return []
    country = destination.data.get("country", {})
    return power_lines(str(country.get("en", "")), str(country.get(lang, "")), lang)


def _holding_fields(spec: dict[str, Any], destination: Destination, lang: Lang) -> list[str]:
    """The fields of a missing topic (`field`: one or a list) in which the destination's own
    entry speaks of it (one of the topic's `present` words: Tokyo's tips on tipping)."""
    field = spec.get("field") or []
    present = _words(spec.get("present", {}))
    return [
        f
        for f in ([field] if isinstance(field, str) else field)
        if has_word(present, destination.field_text(f, lang) or "")
    ]


def _holds(spec: dict[str, Any], destination: Destination, lang: Lang) -> bool:
    return bool(_holding_fields(spec, destination, lang))


def _held_lines(
    spec: dict[str, Any], destination: Destination, lang: Lang, named: bool,
    shown: Sequence[str] = (),
) -> list[str]:  # fmt: skip
    """The destination's own lines on a topic it holds (`_holds`), optionally under its name;
    a field the answer already shows whole (`shown`) is not repeated."""
    present = _words(spec.get("present", {}))
    fields = _holding_fields(spec, destination, lang)
    clauses = present if spec.get("clauses") else ()
    kept = [f for f in fields if f not in shown]
    lines = _field_lines(kept, destination, None, lang, present, named, clauses)
    note = spec.get("held_note", {}).get(lang)
    return [*lines, str(note)] if note and fields else lines


def _gap_lines(spec: dict[str, Any], destination: Destination, lang: Lang) -> list[str]:
    """A topic the destination does not hold: a data file's facts (plugs), else its "no vetted
    facts" line."""
    return gap_facts(spec, destination, lang) or [
        str(spec[lang].format(name=destination.name(lang)))
    ]


def asked_gap_lines(
    question: str, destination: Destination, lang: Lang, expert: str | None = None
) -> list[str]:
    """What another expert's answer adds for the practical topics asked beside its own (cards,
    changing money, a rail pass, tap water…): the destination's own line on it where it has
    one, else the "no vetted facts" line with the general advice.

    Why: a turn routed to food or sights that also asks "do small restaurants take cards?" or
    "is the Eurail pass worth it?" got a dish list or a sight list and nothing on the question
    (served read 2026-12-02e). The practicalities answer covers these itself (`_missing_lines`).
    """
    lines: list[str] = []
    # a topic that brings its own expert (`joins`: a lost passport, a cancelled flight) is said
    # by that expert, routed beside this one — by this answer when it is that expert's (a
    # cancelled booking is the lodging answer's; booking_cancelled_rule_2026-12-06i.md)
    for spec in (g for g in asked_gaps(question) if g.get("joins", expert) == expert):
        if _holds(spec, destination, lang):
            lines += _held_lines(spec, destination, lang, named=False)
        else:
            lines += _gap_lines(spec, destination, lang)
    return list(dict.fromkeys(lines))


def _country_lines(
    question: str, places: Sequence[Destination], lang: Lang, expert: str
) -> list[str]:
    """Per topic asked: the lines the country's cities hold on it, each labelled with its city;
    a topic none holds, its "no vetted facts" line (or a data file's facts, e.g. plugs)."""
    lines: list[str] = []
    for spec in asked_gaps(question, expert):
        holding = [p for p in places if _holds(spec, p, lang)]
        for place in holding:
            lines += _held_lines(spec, place, lang, named=True)
        if not holding:
            lines += _gap_lines(spec, places[0], lang)
    return lines


def _missing_lines(
    question: str, destination: Destination, lang: Lang, expert: str, shown: Sequence[str] = ()
) -> list[str]:
    """The topics asked that the destination's entry does not speak of (its own lines on the
    others are shown by the topics' fields, `shown`)."""
    lines: list[str] = []
    for spec in asked_gaps(question, expert):
        if not _holds(spec, destination, lang):
            lines += _gap_lines(spec, destination, lang)
        elif spec.get("held_here"):  # no asked topic shows its fields: they answer it here
            lines += _held_lines(spec, destination, lang, False, shown)
    return lines


def kb_facts_answer(
    question: str,
    thread_texts: Sequence[str],
    expert: str,
    kb: KnowledgeBase | None = None,
    lead: Lead | None = None,
) -> KbAnswer:
    """The transport or practicalities answer from the KB for the newest question; `lead`
    opens it in place of the fields it drops."""
    kb = kb or load_kb()
    lang: Lang = text_lang(question)
    t = kb_texts()["texts"][lang]
    # where they set off from first ("Bangkok from Shanghai"): the last is where they go
    starts = origins(question, kb)
    found = sorted(kb.find(question)[:2], key=lambda d: d.id not in starts)
    found = found or kb.find_in_thread(thread_texts, limit=1)
    if not found:
        if country := country_named(question):
            return country_answer(question, country, kb, expert, lang)
        if region := region_asked(question, kb):
            return region_facts_answer(question, region, kb, expert, lang)
        return KbAnswer("no_destination", str(t["no_destination"]))
    # "从重庆去成都": the second destination named is where the traveller goes (the first: from).
    main = found[-1] if len(found) > 1 else found[0]
    other = found[0] if len(found) > 1 else None
    topics = asked_topics(question, expert)
    spec = kb_texts()["topics"]
    fields: list[str] = []
    tip_words: list[str] = []
    for topic in topics:
        fields += [f for f in spec[topic]["fields"] if f not in fields]
        tip_words += _words(spec[topic].get("tip_words", {}))
    gaps = asked_gaps(question, expert)
    if not fields and not gaps:
        fields = list(kb_texts()["overview"][expert])
    for gap in gaps:
        fields += [f for f in gap.get("shows", []) if f not in fields]
    if "tips" in topics:
        tip_words = []  # asked for tips: all of them
    if lead is not None:
        fields = [f for f in fields if f not in lead.drop]
        fields += [f for f in lead.add if f not in fields]
    sep = "、" if lang == "zh" else ", "
    lines = [str(t["intro"].format(names=sep.join(d.name(lang) for d in found)))]
    lines += lead.lines if lead is not None else ()
    lines += _field_lines(fields, main, other, lang, tip_words)
    # The route may be written under the other end's entry ("成都出发约1-1.5小时").
    back = clauses_naming(other.field_text("getting_there", lang) or "", main) if other else ""
    if other is not None and back and "getting_there" in fields:
        label = _label("getting_there", other, lang)
        lines.append(t["section"].format(label=label, text=back))
    if "day_trip" in topics:
        route = route_between(main, other, lang) if other is not None else ""
        lines.append(day_trip_line(route or None, lang))
    lines += _missing_lines(question, main, lang, expert, fields)
    if official := official_line(found, lang, expert):
        lines.append(official)
    kind = "facts" if topics else "overview"
    return KbAnswer(kind, "\n\n".join(lines), tuple(d.id for d in found))


def country_named(question: str) -> str | None:
    """The destination country a question names instead of a city ("visa for Japan"), not the
    traveller's own ("US passport", "中国护照")."""
    spec = kb_texts()["countries"]
    holders = _words(spec["holders"])
    text = question
    for names in spec["names"].values():
        for name in names:
            for holder in holders:
                text = re.sub(rf"{re.escape(name)}\s*{re.escape(holder)}", " ", text, flags=re.I)
    for country, names in spec["names"].items():
        if has_word(names, text):
            return str(country)
    return None


def country_answer(
    question: str, country: str, kb: KnowledgeBase, expert: str, lang: Lang
) -> KbAnswer:
    """A country named, no city: the KB's places there (`places_answer`)."""
    places = [d for d in kb.destinations.values() if d.data.get("country", {}).get("en") == country]
    if not places:
        return KbAnswer("no_destination", str(kb_texts()["texts"][lang]["no_destination"]))
    return places_answer(question, str(places[0].data["country"][lang]), places, expert, lang)


def region_facts_answer(
    question: str, region: Region, kb: KnowledgeBase, expert: str, lang: Lang
) -> KbAnswer:
    """A province or region named, no city ("去云南会不会有高原反应"): its KB cities, as for a
    country; it got "no vetted information on 云南" (region_facts_rule_2026-12-05.md)."""
    places = region_destinations(region, kb)
    if not places:
        return KbAnswer("no_destination", str(kb_texts()["texts"][lang]["no_destination"]))
    return places_answer(question, region.name(lang), places, expert, lang)


def places_answer(
    question: str, label: str, places: Sequence[Destination], expert: str, lang: Lang
) -> KbAnswer:
    """A country or region named, no city: the KB's places there, what they hold or lack for
    the topics asked, the official sources; never a city's facts passed off as the country's."""
    t = kb_texts()["texts"][lang]
    names = (
        "、".join(d.name(lang) for d in places)
        if lang == "zh"
        else ", ".join(d.name(lang) for d in places)
    )
    lines = [str(t["country_intro"].format(country=label, names=names))]
    # a topic asked that its cities hold ("do people tip in Japan?": Tokyo's "There is no
    # tipping"), each under its city, never as the country's (country_city_lines_rule_2026-12-05)
    said = list(dict.fromkeys(_country_lines(question, places, lang, expert)))
    lines += said
    if not said:
        # nothing said for the country (no gap asked): which city, rather than an answer with
        # nothing in it
        lines.append(str(t["country_ask_city"].format(country=label)))
    if official := official_line(places[:1], lang, expert):
        lines.append(official)
    return KbAnswer("country", "\n\n".join(lines), tuple(d.id for d in places))
