"""The food & culture expert's KB-led answer: the destination's dishes, food places and tips.

Why: it was the one travel expert still answering in the 0.5B model's own words, and those words
garbled the KB tips in its prompt ("cover shoulders and knees: helps prevent injuries from
falls", 1669 "for a cold"), invented dishes (成都: 西兰花炒饭) and shops with prices (travel-7
review, non-plan questions through the graph: 3 of 4 of its answers wrong). So, like transport
and practicalities (`kb_answer.py`), what the KB holds is given as the KB says it: dishes and
food places when food is asked, the entry's tips when customs are asked, its hygiene tips when
food safety is asked, its spice tips when the person asks about spice (and no unchecked dish
list when they avoid it), its diet tips (and no unchecked dish list) when the person keeps a
diet. A question that asks none of these (a cooking class, a tea ceremony) still goes to the
model.
"""

from __future__ import annotations

from typing import Any

from agents.highlights import sights
from agents.kb_answer import KbAnswer, kb_texts, official_line
from agents.knowledge import Destination, Lang, has_word

JOIN = {"zh": "、", "en": "; "}
TIP_JOIN = {"zh": "；", "en": "; "}


def _words(spec: dict[str, Any]) -> list[str]:
    return [*spec.get("zh", []), *spec.get("en", [])]


def food_culture_answer(question: str, destination: Destination, lang: Lang) -> KbAnswer | None:
    """The KB's answer to what the question asks, or None when it asks nothing the KB holds."""
    spec = kb_texts()["food_culture"]
    t = kb_texts()["texts"][lang]
    food = has_word(_words(spec["food"]), question)
    customs = has_word(_words(spec["customs"]), question)
    safety = has_word(_words(spec["safety"]), question)
    # "辣不辣" (is it hot?) asks, it does not avoid: its 不辣 is not "not spicy, please"
    avoids_spice = has_word(_words(spec["spice_avoid"]), question.replace("辣不辣", ""))
    spice = avoids_spice or has_word(_words(spec["spice"]), question)
    # the diets asked ("我吃素", "halal"), each with the words a tip about it has
    diet = [kind for kind in spec["diet"] if has_word(kind["ask"], question)]
    if not (food or customs or safety or spice or diet):
        return None
    name = destination.name(lang)
    # an etiquette question alone is headed as customs, not food (served i22, 2026-12-04i)
    intro = "customs_intro" if customs and not (food or safety or spice or diet) else "food_intro"
    lines = [str(t[intro].format(name=name))]
    tips: list[str] = list(destination.data.get("tips", {}).get(lang, []))
    if food:
        places = [s.text for s in sights(destination, lang) if s.food_place]
        if places:
            lines.append(str(t["food_places"].format(items=JOIN[lang].join(places))))
        # a diet ("we're vegetarian") or avoiding spice gets no dish list: the dishes were never
        # checked for either (served k4, 2026-12-04k: mapo tofu and dan dan noodles for a
        # vegetarian; n17, 2026-12-04n: tteokbokki for "I don't eat spicy food at all")
        unchecked = diet or avoids_spice
        if not unchecked and (dishes := destination.data.get("local_food", {}).get(lang)):
            lines.append(str(t["foods"].format(foods=JOIN[lang].join(dishes))))

    def tips_line(words: str | list[str], key: str) -> str:
        """The entry's tips with these words (a spec key or the words), or that it holds none
        (`<key>_none`)."""
        wanted = _words(spec[words]) if isinstance(words, str) else words
        kept = [x for x in tips if has_word(wanted, x)]
        if kept:
            return str(t[key].format(text=TIP_JOIN[lang].join(kept)))
        return str(t[f"{key}_none"].format(name=name))

    if safety:
        lines.append(tips_line("hygiene_tip_words", "food_safety"))
    if customs:
        lines.append(tips_line("customs_tip_words", "customs"))
    if spice:
        # "我不太能吃辣": the entry's own word on spice, or plainly none (served h21, 2026-12-04h)
        lines.append(tips_line("spice_tip_words", "spice"))
    if diet:
        lines.append(tips_line([w for kind in diet for w in kind["tips"]], "diet"))
    if official := official_line([destination], lang, "food_culture"):
        lines.append(official)
    return KbAnswer("food_culture", "\n\n".join(lines), (destination.id,))
