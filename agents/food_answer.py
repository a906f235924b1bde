"""The food & culture expert's KB-led answer: the destination's dishes, food places and tips.

Why: it was the one travel expert still answering in the 0.5B model's own words, and those words
garbled the KB tips in its prompt ("cover shoulders and knees: helps prevent injuries from
falls", 1669 "for a cold"), invented dishes (成都: 西兰花炒饭) and shops with prices (travel-7
review, non-plan questions through the graph: 3 of 4 of its answers wrong). So, like transport
and practicalities (`kb_answer.py`), what the KB holds is given as the KB says it: dishes and
food places when food is asked, the entry's tips when customs are asked, its hygiene tips when
food safety is asked, its spice tips when the person asks about spice, its diet or allergy tips
when the person keeps a diet or names a food allergy. Beside avoiding spice, a diet or an allergy
the dishes were never checked for it, so they are listed only when the turn asks what to eat, and
then marked unchecked, with the constraint answered beside them — never instead of them (a Xi'an
must-eat-snacks question with "I don't eat spicy" got only the food street, 2026-12-05;
evals/travel/results/food_dishes_rule_2026-12-05.md). A question that asks none of these (a
cooking class, a tea ceremony) still goes to the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agents.highlights import sights
from agents.kb_answer import KbAnswer, kb_texts, official_line
from agents.knowledge import Destination, Lang, has_word

JOIN = {"zh": "、", "en": "; "}
TIP_JOIN = {"zh": "；", "en": "; "}


def _words(spec: dict[str, Any]) -> list[str]:
    return [*spec.get("zh", []), *spec.get("en", [])]


def _diet_keys(diet: list[dict[str, Any]]) -> list[str]:
    """The answer lines the asked diet kinds need, in order ("diet", "allergy", "lactose"): an
    allergy is answered as one, not as a diet."""
    return list(dict.fromkeys(str(kind.get("key", "diet")) for kind in diet))


def _asks_kind(kind: dict[str, Any], question: str) -> bool:
    """The diet kind's words, or its patterns where words fall between ("对花生严重过敏")."""
    return has_word(kind["ask"], question) or any(
        re.search(p, question, re.IGNORECASE) for p in kind.get("ask_patterns", ())
    )


def _constraints(question: str) -> tuple[bool, list[dict[str, Any]]]:
    """Whether the turn avoids spice ("辣不辣" asks, it does not avoid: its 不辣 is not "not
    spicy, please") and the diet kinds it keeps ("我吃素", "halal", a food allergy)."""
    spec = kb_texts()["food_culture"]
    avoids_spice = has_word(_words(spec["spice_avoid"]), question.replace("辣不辣", ""))
    return avoids_spice, [kind for kind in spec["diet"] if _asks_kind(kind, question)]


def _checks(avoids_spice: bool, diet: list[dict[str, Any]]) -> list[str]:
    return [*(["spice"] if avoids_spice else []), *_diet_keys(diet)]


def food_checks(question: str) -> list[str]:
    """What the turn says the KB's dishes were never checked for, in answer-line order: "spice",
    then "diet", "allergy", "lactose" — for the food answer and for a plan's food lines alike
    (plan_food_checks_rule_2026-12-05.md)."""
    return _checks(*_constraints(question))


def unchecked_for(checks: Sequence[str], lang: Lang) -> str:
    """The constraints the dishes were not checked for, in words ("辣不辣和你的饮食限制")."""
    said = kb_texts()["texts"][lang]["unchecked"]
    return str(said["join"]).join(str(said[key]) for key in checks)


def keeps_diet_asking_food(question: str) -> bool:
    """The turn keeps a diet or avoids spice (the `diet` kinds other than a food allergy, or
    `spice_avoid`) and asks about food (`food` or `dish_ask` words): a food preference told, which
    the triage nets read as an emergency ("Hanoi street food tips, I can't handle spicy and I'm
    gluten free" got the ambulance template; h135_travel_lane_rule_2026-12-07i.md). A food
    allergy is no preference: it stays the doctor's to read."""
    spec = kb_texts()["food_culture"]
    avoids_spice, diet = _constraints(question)
    preference = avoids_spice or any(kind.get("key", "diet") != "allergy" for kind in diet)
    return preference and (has_word(_words(spec["food"]), question) or asks_dishes(question))


def asks_dishes(question: str) -> bool:
    """The turn asks what to eat there (`food_culture.dish_ask`), a food place's name aside:
    with a constraint beside it the dishes are still what was asked."""
    spec = kb_texts()["food_culture"]
    lowered = question.lower()
    for place in _words(spec["dish_ask_not"]):
        lowered = lowered.replace(place.lower(), " ")
    return has_word(_words(spec["dish_ask"]), lowered)


def food_culture_answer(question: str, destination: Destination, lang: Lang) -> KbAnswer | None:
    """The KB's answer to what the question asks, or None when it asks nothing the KB holds."""
    spec = kb_texts()["food_culture"]
    t = kb_texts()["texts"][lang]
    food = has_word(_words(spec["food"]), question)
    customs = has_word(_words(spec["customs"]), question)
    safety = has_word(_words(spec["safety"]), question)
    avoids_spice, diet = _constraints(question)  # each diet kind with the words its tips have
    spice = avoids_spice or has_word(_words(spec["spice"]), question)
    if not (food or customs or safety or spice or diet):
        return None
    name = destination.name(lang)
    # an etiquette question alone is headed as customs, not food (served i22, 2026-12-04i)
    intro = "customs_intro" if customs and not (food or safety or spice or diet) else "food_intro"
    lines = [str(t[intro].format(name=name))]
    tips: list[str] = list(destination.data.get("tips", {}).get(lang, []))
    listed = False
    if food:
        places = [s.text for s in sights(destination, lang) if s.food_place]
        if places:
            lines.append(str(t["food_places"].format(items=JOIN[lang].join(places))))
        # The dishes were never checked for a diet or for heat: with one of those and no ask for
        # what to eat ("我吃素，怎么说不要肉汤"), no dish list (served k4, 2026-12-04k: mapo tofu
        # for a vegetarian; n17: tteokbokki for "I don't eat spicy"); when the turn does ask what
        # to eat, the dishes, said to be unchecked for it (food_dishes_rule_2026-12-05.md).
        checks = _checks(avoids_spice, diet)
        dishes = destination.data.get("local_food", {}).get(lang)
        if dishes and not checks:
            lines.append(str(t["foods"].format(foods=JOIN[lang].join(dishes))))
        elif dishes and asks_dishes(question):
            foods = JOIN[lang].join(dishes)
            checked = unchecked_for(checks, lang)
            lines.append(str(t["foods_unchecked"].format(foods=foods, checks=checked)))
            listed = True

    shown: set[str] = set()

    def tips_line(words: str | list[str], key: str) -> str | None:
        """The entry's tips with these words (a spec key or the words), or that it holds none
        (`<key>_none`); None when every such tip is already on an earlier line (a seafood-allergy
        tip under both "eating safely" and "allergy" said the same thing twice)."""
        wanted = _words(spec[words]) if isinstance(words, str) else words
        matched = [x for x in tips if has_word(wanted, x)]
        kept = [x for x in matched if x not in shown]
        shown.update(kept)
        if matched and not kept:
            return None
        if kept:
            return str(t[key].format(text=TIP_JOIN[lang].join(kept)))
        # under a listed dish line, "so no dishes are listed" would be untrue
        none = f"{key}_none_listed" if listed and f"{key}_none_listed" in t else f"{key}_none"
        return str(t[none].format(name=name))

    asked: list[tuple[str | list[str], str]] = []
    if safety:
        asked.append(("hygiene_tip_words", "food_safety"))
    if customs:
        asked.append(("customs_tip_words", "customs"))
    if spice:
        # "我不太能吃辣": the entry's own word on spice, or plainly none (served h21, 2026-12-04h)
        asked.append(("spice_tip_words", "spice"))
    # a diet, a food allergy and lactose each get their own line, from their own kinds' tip words
    for key in _diet_keys(diet):
        asked.append(
            ([w for kind in diet if kind.get("key", "diet") == key for w in kind["tips"]], key)
        )
    lines += [line for words, key in asked if (line := tips_line(words, key))]
    if official := official_line([destination], lang, "food_culture"):
        lines.append(official)
    return KbAnswer("food_culture", "\n\n".join(lines), (destination.id,))
