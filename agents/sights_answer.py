"""The itinerary expert's KB-led list: the sights (or food places) a question asks for, no model.

Why: asked "推荐三个西安适合带老人去的景点，不要太累", the day plan wrote three days with Mount Hua
(served answers read on 2026-12-02). A list ask (`itinerary_ask.py`) is answered from the
destination's KB entry the way it is asked: as many items as asked (never padded), easy-going
asks leave out the highlights the KB marks `demanding` and day trips, and says which and why;
food asks list the food places among the highlights and the local dishes; an interest asked
("museums", "带孩子", "nightlife", `interests.py`) lists the highlights that fit it, says so when
none does, and names the other highlights apart, never as the interest.
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.food_answer import food_checks, unchecked_for
from agents.highlights import Sight, sights
from agents.interests import fitting, interest_data, label, notes
from agents.itinerary_ask import ItineraryAsk
from agents.kb_answer import KbAnswer, kb_texts, official_line
from agents.knowledge import Destination, Lang
from agents.knowledge.regions import Region, region_destinations
from agents.sight_wishes import split_set_aside

BULLET_JOIN = {"zh": "、", "en": ", "}


def _left_out(items: Sequence[Sight], lang: Lang) -> str:
    t = kb_texts()["texts"][lang]
    parts = [
        t["left_out_item"].format(sight=s.text, why=s.demanding or t["day_trip_why"]) for s in items
    ]
    return str(t["left_out"].format(items=("；" if lang == "zh" else "; ").join(parts)))


def _interest_lines(
    ask: ItineraryAsk, destination: Destination, candidates: list[Sight], lang: Lang
) -> list[str]:
    """The highlights that fit the asked interests, numbered; the rest named apart (module doc)."""
    t = kb_texts()["texts"][lang]
    it = interest_data()["texts"][lang]
    name, what = destination.name(lang), label(ask.interests, lang)
    fit = fitting(ask.interests, candidates, destination)
    rest = [s for s in candidates if s not in fit]
    if not fit:
        chosen = rest[: ask.count] if ask.count else rest
        lines = [it["none"].format(name=name, label=what)]
        lines += [f"{i}. {s.text}" for i, s in enumerate(chosen, start=1)]
        return lines + notes(ask.interests, lang)
    chosen = fit[: ask.count] if ask.count else fit
    count = t["list_count"].format(count=ask.count) if ask.count else ""
    lines = [it["intro"].format(name=name, label=what + count)]
    lines += [f"{i}. {s.text}" for i, s in enumerate(chosen, start=1)]
    if ask.count and len(chosen) < ask.count:
        lines.append(t["list_fewer"].format(found=len(chosen)))
    if others := [s for s in rest if s not in chosen]:
        lines.append(it["others"].format(items=BULLET_JOIN[lang].join(s.text for s in others)))
    return lines + notes(ask.interests, lang)


def sights_answer(
    ask: ItineraryAsk, destination: Destination, lang: Lang, question: str = ""
) -> KbAnswer:
    """The list for `ask`; the sights `question` says are done or sets aside for others
    ("昨天去了鼓浪屿", "除了长城还有什么好玩的") are not listed again but named apart
    (sights_set_aside_rule_2026-12-05.md: the list kept 长城 for "除了长城还有什么")."""
    t = kb_texts()["texts"][lang]
    every = sights(destination, lang)
    candidates = [s for s in every if s.food_place] if ask.food else list(every)
    candidates, set_aside = split_set_aside(candidates, question)
    left_out: list[Sight] = []
    if ask.easy:
        left_out = [s for s in candidates if s.demanding or s.day_trip]
        candidates = [s for s in candidates if s not in left_out]
    if ask.interests and not ask.food:
        lines = _interest_lines(ask, destination, candidates, lang)
    else:
        chosen = candidates[: ask.count] if ask.count else candidates
        what = t["list_food" if ask.food else "list_easy_sights" if ask.easy else "list_sights"]
        if ask.count:
            what += t["list_count"].format(count=ask.count)
        lines = [t["list_intro"].format(name=destination.name(lang), what=what)]
        lines += [f"{i}. {s.text}" for i, s in enumerate(chosen, start=1)]
        if ask.count and len(chosen) < ask.count:
            lines.append(t["list_fewer"].format(found=len(chosen)))
    if (ask.food or ask.dishes) and (foods := destination.data.get("local_food", {}).get(lang)):
        joined = BULLET_JOIN[lang].join(foods)
        if checks := food_checks(question):  # a diet, an allergy, no spice: said unchecked
            lines.append(
                t["foods_unchecked"].format(foods=joined, checks=unchecked_for(checks, lang))
            )
        else:
            lines.append(t["foods"].format(foods=joined))
    if left_out:
        lines.append(_left_out(left_out, lang))
    if set_aside:
        lines.append(t["set_aside"].format(items=BULLET_JOIN[lang].join(s.text for s in set_aside)))
    if ask.easy:
        lines.append(t["easy_note"])
    lines.append(t["plan_offer"])
    if official := official_line([destination], lang, "itinerary"):
        lines.append(official)
    kind = "food_list" if ask.food else "sights_list"
    return KbAnswer(kind, "\n".join(lines[:1]) + "\n" + "\n".join(lines[1:]), (destination.id,))


def region_sights_answer(
    ask: ItineraryAsk, region: Region, lang: Lang, question: str = ""
) -> KbAnswer:
    """A province's sights ask ("四川有什么好玩的", "Kansai highlights?"): the KB's cities of the
    region, each with its highlights — those fitting an asked interest where any city has some
    — instead of "you named no KB destination" (altitude_health_region_sights_rule_2026-12-06)."""
    t = kb_texts()["texts"][lang]
    places = region_destinations(region)
    listed: list[tuple[Destination, list[Sight]]] = []
    for place in places:
        candidates, _ = split_set_aside(sights(place, lang), question)
        if ask.easy:
            candidates = [s for s in candidates if not (s.demanding or s.day_trip)]
        listed.append((place, candidates))
    fit = (
        [(p, fitting(ask.interests, c, p)) for p, c in listed]
        if ask.interests and not ask.food
        else []
    )
    if any(chosen for _, chosen in fit):
        listed = [(p, chosen) for p, chosen in fit if chosen]
        head = t["region_sights_interest"].format(
            region=region.name(lang), label=label(ask.interests, lang)
        )
    elif fit:  # an interest asked that none of the cities' highlights fits: said, not made up
        head = interest_data()["texts"][lang]["none"].format(
            name=region.name(lang), label=label(ask.interests, lang)
        )
    else:
        head = t["region_sights_intro"].format(region=region.name(lang))
    lines = [head]
    lines += [
        t["region_city"].format(
            name=place.name(lang),
            items=BULLET_JOIN[lang].join(s.text for s in chosen[: ask.count or None]),
        )
        for place, chosen in listed
        if chosen
    ]
    lines.append(t["region_plan_offer"])
    if official := official_line(places, lang, "itinerary"):
        lines.append(official)
    return KbAnswer(
        "region_sights", "\n".join(lines[:1]) + "\n" + "\n".join(lines[1:]), region.places
    )
