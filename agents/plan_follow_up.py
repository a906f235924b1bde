"""A follow-up on a plan built from the KB that the KB cannot serve, said plainly instead of
written by the base model.

Why: read in threads (served read 2026-12-03e), the 0.5B base model answered "第三天下雨的话怎么
安排？" after a KB-built Hangzhou plan with a "西湖文化节" it invented, and "what about with a
toddler in a stroller?" after a Kyoto plan with "Tails & sticks on chairs". When the thread's
plan was asked about a KB destination and a follow-up on it is neither a one-day revision naming
KB sights (`day_revision.py`) nor a new plan ask, the answer is the plan again at an easy pace
when it asks for one ("make day 2 easier"), the KB's sights for an interest it names ("想去逛街
购物": its shopping sights, to swap in), else a plain "the KB holds nothing for this change" with
what it has that may help (getting around, seasons, tips) and how to ask for a change it can
make. A rain, heat or indoor ask ("第二天下雨的话怎么办") gets the entry's `indoor` highlights: the
day it names re-planned with them, else them listed, else the plain line that the KB marks none
for the place (rainy_day_rule_2026-12-06f.md: after a Xiamen plan it got the generic gap).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from agents.day_plan import ONE_DAY_REVISION
from agents.day_revision import indoor_day, revised_day
from agents.highlights import sights
from agents.itinerary_ask import ItineraryAsk, read_ask
from agents.kb_answer import KbAnswer, official_line
from agents.kb_plan import asked_length, kb_plan_answer, plan_texts, render
from agents.knowledge import Destination, KnowledgeBase, Lang, load_kb, text_lang
from agents.prompt_data import read_yaml
from agents.sights_answer import BULLET_JOIN, sights_answer
from agents.trip_length import trip_length

TEXTS = Path(__file__).parent / "prompts" / "plan_follow_up.yaml"
INDOOR = "indoor"  # the interest of a rain, heat or indoor ask (prompts/interests.yaml)

# A day swapped for a place ("第二天换成…", "swap day 2 for …"), not a question about the day.
SWAP = re.compile(
    r"换成|改成|换为|改为|换去|改去|\bswap\b|\breplace\b|\bchange\b[^.?!]{0,25}\bto\b|\binstead\b",
    re.I,
)
# ...and not an open question of what to swap in ("第三天下雨的话换成什么室内的地方")
OPEN = re.compile(r"什么|啥|哪|\bwhat\b|\bwhich\b|\bwhere\b", re.I)


@cache
def plan_follow_up_texts() -> dict[str, Any]:
    texts: dict[str, Any] = read_yaml(TEXTS)
    return texts


def plan_ask_text(user_texts: Sequence[str]) -> str:
    """The thread's earlier plan ask ("" when there is none)."""
    return next(
        (
            t
            for t in reversed(user_texts[:-1])
            if read_ask(t).plan and not ONE_DAY_REVISION.search(t)
        ),
        "",
    )  # a revision ("第二天想去逛街，杭州") reads as a two-day plan ask: it is not one


def planned_destination(asked: str, question: str, kb: KnowledgeBase) -> Destination | None:
    """The KB destination of the thread's earlier plan ask (`plan_ask_text`), when the follow-up
    names no other destination (a new one is a new question, not a follow-up)."""
    found = kb.find(asked) if asked else []
    if not found:
        return None
    named_now = kb.find(question)
    if named_now and all(d.id != found[0].id for d in named_now):
        return None
    return found[0]


def with_thread_days(
    ask: ItineraryAsk, user_texts: Sequence[str], kb: KnowledgeBase | None = None
) -> ItineraryAsk:
    """The ask with the thread plan's days when it says none and plans the same KB
    destination again (served read 27, r20: "能不能每天少安排点" after a 3-day Hangzhou plan came
    back as 2 days): a plan asked again is the same trip unless new days are said."""
    question = user_texts[-1]
    if ask.days is not None or trip_length(question):
        return ask
    asked = plan_ask_text(user_texts)
    if planned_destination(asked, question, kb or load_kb()) is None:
        return ask
    days, half = asked_length(read_ask(asked), asked)
    return ask if days is None else replace(ask, days=days, half=half)


def plan_follow_up_answer(
    question: str, user_texts: Sequence[str], kb: KnowledgeBase | None = None
) -> KbAnswer | None:
    """The KB's answer to a follow-up on its plan, or None (not a follow-up on a KB plan, or a
    plan ask, which the plan builder answers)."""
    kb = kb or load_kb()
    asked = plan_ask_text(user_texts)
    destination = planned_destination(asked, question, kb)
    if destination is None:
        return None
    ask = read_ask(question)
    if ask.plan and not ONE_DAY_REVISION.search(question):
        return None  # "再帮我规划一下，4天", "这个安排会不会太累": the plan builder answers
    if ask.easy:
        # "make day 2 easier, my mum has bad knees": the plan again at the easy pace, over the
        # days of the plan asked unless new ones are said (served m11, 2026-12-04k: a 2-day
        # Singapore plan came back as 3 days)
        return kb_plan_answer(replace(with_thread_days(ask, user_texts, kb), plan=True), user_texts)
    lang: Lang = text_lang(question)
    t = plan_follow_up_texts()[lang]
    name = destination.name(lang)
    if INDOOR in ask.interests:
        return _indoor_answer(question, ask, destination, asked, lang, kb)
    if ask.interests:
        listed = sights_answer(ask, destination, lang)
        return replace(listed, text=f"{t['for_interest'].format(name=name)}\n\n{listed.text}")
    if ONE_DAY_REVISION.search(question) and SWAP.search(question) and not OPEN.search(question):
        # "第二天换成去乌镇": a swap to nothing the entry holds (the revision builder placed
        # nothing) says so and offers what can be swapped in (served k16, 2026-12-04k)
        names = [s.text for s in sights(destination, lang)]
        lines = [
            t["swap_unknown"].format(name=name),
            "",
            t["swap_choices"].format(
                name=name, items=plan_texts()[lang]["joiner"].join(names), example=names[0]
            ),
        ]
        if official := official_line([destination], lang, "itinerary"):
            lines += ["", official]
        return KbAnswer("plan_gap", "\n".join(lines), (destination.id,))
    return _gap_answer(t["gap"].format(name=name), destination, lang)


def _gap_answer(head: str, destination: Destination, lang: Lang) -> KbAnswer:
    """`head`, then what the entry has that may help (getting around, seasons, tips)."""
    t = plan_follow_up_texts()[lang]
    lines = [head, "", t["may_help"]]
    data = destination.data
    if around := data.get("getting_around", {}).get(lang):
        lines.append(f"- {t['getting_around'].format(text=around)}")
    if seasons := data.get("best_seasons", {}).get(lang):
        lines.append(f"- {t['seasons'].format(text=seasons)}")
    lines += [f"- {tip}" for tip in data.get("tips", {}).get(lang, [])]
    lines += ["", t["ask_more"]]
    if official := official_line([destination], lang, "itinerary"):
        lines += ["", official]
    return KbAnswer("plan_gap", "\n".join(lines), (destination.id,))


def _indoor_answer(
    question: str,
    ask: ItineraryAsk,
    destination: Destination,
    asked: str,
    lang: Lang,
    kb: KnowledgeBase,
) -> KbAnswer:
    """A rain, heat or indoor ask on the plan: the day it names re-planned with the entry's
    indoor highlights, else them listed, else the plain line that the KB marks none."""
    t = plan_follow_up_texts()[lang]
    name = destination.name(lang)
    indoor = [s for s in sights(destination, lang) if s.indoor]
    if not indoor:
        return _gap_answer(t["indoor_none"].format(name=name), destination, lang)
    day = revised_day(question)
    one_place = len(kb.find(asked)) == 1  # a plan of two places is not rebuilt as one
    if day is not None and one_place and (found := indoor_day(day, destination, asked, lang)):
        joiner = BULLET_JOIN[lang]
        items = joiner.join(s.text for s in found.placed)
        head = t[f"indoor_{found.how}"].format(
            day=found.index + 1, other=found.other + 1, items=items, name=name
        )
        if more := [s for s in indoor if s not in found.placed]:
            head += t["indoor_more"].format(name=name, items=joiner.join(s.text for s in more))
        return KbAnswer("day_plan", f"{head}\n\n{render(found.plan)}", (destination.id,))
    listed = sights_answer(ask, destination, lang, question)
    return replace(listed, text=f"{t['indoor_list'].format(name=name)}\n\n{listed.text}")
