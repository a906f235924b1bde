"""Yes/no feasibility asks answered from the KB's distances and times, or left to the model.

Why: "Is it worth doing Jiuzhaigou as a day trip from Chengdu?" got Jiuzhaigou's sight list from
the KB-led itinerary and never the answer (no: 8-10 h by road each way; served read 2026-12-02b,
r7). A yes/no ask (`prompts/feasibility.yaml`) is answered from what the KB knows, never more:

- two destinations: the one-way time between them (`kb_answer.route_between`) read as a day trip
  that works, is rushed or does not;
- named sights of one destination: a `whole_day` sight or one in an `apart` area needs its own
  day; otherwise the number of `areas` they fall in says whether one day is enough;
- "is one day enough for X" (an "enough" word): the KB's `suggested_days` against the days asked.

When the KB has none of these, `feasibility_answer` gives None; for a day trip the itinerary
expert then says plainly that the KB cannot tell and how to judge it (`feasibility_unknown`),
where it used to ask its model, which answered "我在首尔，明天想去釜山玩一天，来得及吗" with
nonsense (served p3, 2026-12-04n; evals/travel/results/feasibility_unknown_rule_2026-12-04n.md);
other asks it cannot judge still go to the model with the fact sheet. A sight list is never
passed off as the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.feasibility_ask import (
    asks_enough,
    asks_feasibility,
    feasibility_texts,
    feasibility_words,
)
from agents.highlights import Sight, sights
from agents.kb_answer import KbAnswer, day_trip_line, hours_in, official_line, route_between
from agents.knowledge import Destination, Lang, text_lang
from agents.trip_length import trip_length

# Where a highlight's name ends and its note begins; the separators between the sights a
# highlight groups ("Kuanzhai Alley and Jinli", "长海与五彩池").
NOTE = re.compile(r"[（(]")
PARTS = re.compile(r"[与和、,，/]|\band\b|\bor\b|\bat\b", re.IGNORECASE)
MIN_NAME = {"zh": 2, "en": 4}  # a shorter piece ("Lake") names no sight
MIN_SIGHTS_FOR_AREAS = 2


def _names(sight: Sight) -> list[str]:
    """The pieces a highlight is named by ("Great Wall", "华山"), and in English its proper
    names ("Leshan", "Panda"): travellers shorten "Giant Panda Breeding Research Base". A sight
    in an `apart` area is named by the area's name too: "Nara" for "Nara Park day trip", whose
    four letters no proper name reaches (apart_names_rule_2026-12-06e.md)."""
    head = NOTE.split(sight.text)[0]
    heads = [head, NOTE.split(sight.area.name)[0]] if sight.area.apart else [head]
    pieces = [
        re.sub(r"^(the)\s+", "", p.strip(), flags=re.IGNORECASE)
        for h in heads
        for p in PARTS.split(h)
    ]
    names = [p for p in pieces if len(p) >= MIN_NAME["en" if p.isascii() else "zh"]]
    generic = set(feasibility_words("generic_words"))
    proper = re.findall(r"\b[A-Z][a-z]{4,}\b", head)
    return names + [w for w in proper if w.lower() not in generic]


def sights_named(question: str, destination: Destination, lang: Lang) -> list[Sight]:
    """The destination's highlights the question names (by a name piece of the highlight)."""
    lowered = question.lower()
    return [s for s in sights(destination, lang) if any(_in(n, lowered) for n in _names(s))]


def _in(name: str, lowered: str) -> bool:
    if name.isascii():
        return re.search(rf"(?<![a-z]){re.escape(name.lower())}(?![a-z])", lowered) is not None
    return name in lowered


def _why(sight: Sight, lang: Lang) -> str:
    return (
        feasibility_texts(lang)[f"why_{sight.whole_day}"]
        if sight.whole_day
        else feasibility_texts(lang)["why_apart"]
    )


def _sights_line(named: Sequence[Sight], lang: Lang) -> str | None:
    t = feasibility_texts(lang)
    joiner = "、" if lang == "zh" else ", "
    own_day = [s for s in named if s.whole_day or s.area.apart]
    if own_day:
        first = own_day[0]
        others = [s for s in named if s is not first]
        name = first.text  # with the KB's note on getting there ("华山（高铁约半小时至华山北）")
        if not others:
            return t["whole_day_alone"].format(sight=name, why=_why(first, lang))
        rest = joiner.join(NOTE.split(s.text)[0].strip() for s in others)
        return t["whole_day_with"].format(sight=name, why=_why(first, lang), others=rest)
    if len(named) < MIN_SIGHTS_FOR_AREAS:
        return None  # one ordinary sight found: the others asked about were not recognised
    areas = list(dict.fromkeys(s.area.name for s in named))
    if len(areas) == 1:
        names = joiner.join(NOTE.split(s.text)[0].strip() for s in named)
        return t["one_area"].format(sights=names, area=areas[0])
    key = "two_areas" if len(areas) == 2 else "many_areas"
    return t[key].format(areas=joiner.join(areas), count=len(areas))


def _days_line(question: str, destination: Destination, lang: Lang) -> str | None:
    length = trip_length(question)
    if not asks_enough(question):
        return None  # "Rome and Florence in one day?": not a question about the days of one place
    suggested = str(destination.data.get("suggested_days", "")).strip()
    low = re.match(r"\d+", suggested)
    if length is None or low is None:
        return None
    t = feasibility_texts(lang)
    name = destination.name(lang)
    if length.slots >= int(low.group(0)):
        return t["days_ok"].format(days=length.slots, suggested=suggested, name=name)
    every = sights(destination, lang)
    # the area of the KB's first highlight, usually the one a short visit is for
    first = next((s.area for s in every if s.kb_order == 1), every[0].area if every else None)
    one_area = [s for s in every if s.area == first and not s.whole_day]
    names = ("、" if lang == "zh" else ", ").join(NOTE.split(s.text)[0].strip() for s in one_area)
    return t["days_short"].format(days=length.slots, suggested=suggested, name=name, sights=names)


def days_needed_lines(found: Sequence[Destination], lang: Lang) -> list[str]:
    """The KB's suggested days for each named place that has them (an open "how many days"
    ask; days_needed_rule_2026-12-05.md)."""
    t = feasibility_texts(lang)
    return [
        t["days_needed"].format(name=d.name(lang), suggested=suggested)
        for d in found
        if (suggested := str(d.data.get("suggested_days", "")).strip())
    ]


def feasibility_answer(question: str, found: Sequence[Destination]) -> KbAnswer | None:
    """The KB's answer to a yes/no feasibility ask, or None when the KB cannot tell (module doc)."""
    if not found or not asks_feasibility(question):
        return None
    lang = text_lang(question)
    main = found[-1] if len(found) > 1 else found[0]
    line: str | None = None
    t = feasibility_texts(lang)
    facts: list[str] = []
    if len(found) > 1:
        route = route_between(main, found[0], lang)
        if hours_in(route) is not None:
            line = day_trip_line(route, lang)
            facts.append(t["route"].format(route=route))
    if line is None and (named := sights_named(question, main, lang)):
        line = _sights_line(named, lang)
    if line is None:
        line = _days_line(question, main, lang)
    if line is None:
        return None
    names = ("、" if lang == "zh" else ", ").join(d.name(lang) for d in found)
    lines = [t["intro"].format(name=names), line, *facts, t["plan_offer"]]
    if official := official_line([main], lang, "itinerary"):
        lines.append(official)
    return KbAnswer("feasibility", "\n\n".join(lines), tuple(d.id for d in found))


def feasibility_unknown(question: str, found: Sequence[Destination]) -> KbAnswer:
    """No verdict the KB can give: said plainly, with how to judge it and the plan offer."""
    lang = text_lang(question)
    t = feasibility_texts(lang)
    names = ("、" if lang == "zh" else ", ").join(d.name(lang) for d in found)
    lines = [t["intro"].format(name=names)] if found else []  # no "（）" for no place
    lines += [t["unknown"], t["plan_offer"]]
    if found and (official := official_line([found[-1]], lang, "itinerary")):
        lines.append(official)
    return KbAnswer("feasibility_unknown", "\n\n".join(lines), tuple(d.id for d in found))
