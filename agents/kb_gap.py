"""A travel turn about a destination the KB lacks: no vetted facts, said plainly, and safe advice.

Why: the 0.5B base model cannot know the neighbourhoods, hotels, sights or shops of a place it
was never shown, yet asked where to stay in Istanbul (not in the KB) it recommended a "Burgundy
area" (served read 2026-12-02b, r9). So when a travel turn names no KB destination (nor does the
thread before it), the expert's model does not answer a place-bound ask: the answer says we hold
no vetted information on the place, gives general advice on how to choose and what to check
(`prompts/kb_gap.yaml`, naming no place), and offers the KB's own destinations. The place the
question names is echoed in the opening line only, never used as a fact.

Place-bound: lodging, sights and plans, transport and practicalities always; food & culture when
it asks of dishes, food places or customs, or names a place (a general "what is dim sum?" still
goes to its model).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from agents.kb_answer import CLAUSE, KbAnswer, asked_gaps, country_named, kb_texts
from agents.knowledge import Destination, KnowledgeBase, Lang, has_word, load_kb, text_lang
from agents.origin_city import origins
from agents.prompt_data import read_yaml
from agents.travel_part import is_time, places_in

TEXTS = Path(__file__).parent / "prompts" / "kb_gap.yaml"
GAP = "no_destination"  # the kind the KB-led answers already give a place they lack
ALWAYS_PLACE_BOUND = ("accommodation", "itinerary", "transport", "practicalities")
EXAMPLES = 4


@cache
def gap_texts() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TEXTS)
    return data


def named_place(question: str) -> str | None:
    """The place a question names, for the opening line ("Istanbul"), or None."""
    lang = text_lang(question)
    found = []
    if m := re.search(gap_texts()["trip_context"], question):
        found.append(m.group(1).strip())
    found += places_in(question, lang)
    if m := re.search(gap_texts()["en_place_after"], question):
        found.append(m.group(1))
    if lang == "zh" and (m := re.search(gap_texts()["zh_place_before_ask"], question)):
        found.append(re.sub(gap_texts()["zh_time_words"], "", m.group(1)))
    skip = {w.lower() for w in gap_texts()["not_places"]}
    for place in found:
        if (
            place.lower() not in skip
            and not is_time(place)
            and not any(c in place for c in gap_texts()["not_place_chars"])
        ):
            return place
    return None


def _food_bound(question: str) -> bool:
    spec = kb_texts()["food_culture"]
    words = [
        w for k in ("food", "customs", "safety") for lang in ("zh", "en") for w in spec[k][lang]
    ]
    return has_word(words, question)


def place_bound(expert: str, question: str) -> bool:
    """Whether this expert's answer to this question is about a place's own facts."""
    if expert in ALWAYS_PLACE_BOUND:
        return True
    return expert == "food_culture" and (_food_bound(question) or named_place(question) is not None)


def lacks_destination(question: str, thread_texts: list[str], kb: KnowledgeBase) -> bool:
    """No KB destination in the question or the thread, and no country the KB answers for."""
    return not (kb.find(question) or kb.find_in_thread(thread_texts, limit=1)) and (
        country_named(question) is None
    )


# the fields of the city set off from whose clauses naming the place the KB lacks are shown
NEAR_FIELDS = ("getting_there", "getting_around", "tips")


def unheld_goal(question: str, kb: KnowledgeBase | None = None) -> tuple[Destination, str] | None:
    """The one KB city the turn sets off from and the place after a going word it heads to that
    is no KB destination and none of the city's sights or areas ("从杭州去乌镇": Hangzhou, 乌镇),
    or None (unheld_place_rule_2026-12-07a.md)."""
    kb = kb or load_kb()
    found = kb.find(question)
    if len(found) != 1 or found[0].id not in origins(question, kb, alone=True):
        return None
    city, lang = found[0], text_lang(question)
    goal = re.compile(gap_texts()["goal_after_going"][lang])
    ends = [at + len(term) for term, at in kb.mentions(question)[city.id]]
    m = next((m for end in ends if (m := goal.match(question[end:]))), None)
    if m is None:
        return None
    place = m.group(1).strip()
    skip = {w.lower() for w in gap_texts()["not_places"]}
    areas = [str(a[k]).lower() for a in city.data["areas"] for k in ("zh", "en")]
    own = [*city.sight_texts(), *areas, *(str(a).lower() for a in city.data.get("aliases", []))]
    if (
        place.lower() in skip
        or any(c in place for c in gap_texts()["not_place_chars"])
        or kb.find(place)
        or any(place.lower() in o for o in own)
    ):
        return None
    return city, place


def near_lines(city: Destination, place: str, lang: Lang) -> list[str]:
    """The city's own clauses that name the place, under a line saying whose they are."""
    clauses = [
        c.strip()
        for field in NEAR_FIELDS
        for c in CLAUSE.findall(city.field_text(field, lang) or "")
        if place.lower() in c.lower()
    ]
    t = gap_texts()["texts"][lang]
    head = t["near"].format(city=city.name(lang), place=place)
    return [head, *(f"- {c}" for c in clauses)] if clauses else []


def gap_answer(
    expert: str, question: str, kb: KnowledgeBase | None = None, place: str | None = None,
    near: Sequence[str] = (),
) -> KbAnswer:  # fmt: skip
    """No vetted facts for the place asked about (`place`, else the one the question names), the
    KB's own lines that name it (`near`), and safe general advice (module doc)."""
    kb = kb or load_kb()
    lang: Lang = text_lang(question)
    t = gap_texts()["texts"][lang]
    what = t["what"][expert]
    place = place or named_place(question)
    opening = t["named"].format(place=place, what=what) if place else t["unnamed"].format(what=what)
    # a topic the KB holds no fact for (visa, plugs, SIM cards, cards or cash, …): its own "no
    # fact" line, with general advice where it has some; no entry here, so none is present
    # (a topic that brings its own expert, `joins`, is that expert's: said once per reply)
    gaps = [
        str(g[lang].format(name=place or t["this_place"]))
        for g in asked_gaps(question)
        if g.get("joins", expert) == expert
    ]
    advice = [t["advice_intro"], *(f"- {a}" for a in gap_texts()["advice"][expert][lang])]
    names = [d.name(lang) for d in kb.destinations.values()]
    step = max(1, len(names) // EXAMPLES)
    examples = ("、" if lang == "zh" else ", ").join(names[::step][:EXAMPLES])
    offer = t["kb_offer"].format(count=len(names), examples=examples)
    parts = [opening, *(["\n".join(near)] if near else []), *gaps, "\n".join(advice), offer]
    return KbAnswer(GAP, "\n\n".join(parts))
