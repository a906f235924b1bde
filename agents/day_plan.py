"""The skeleton of a day-by-day itinerary, built from the destination's knowledge-base entry.

Why: asked for a three-day plan at once, the 0.5B base model loops ("西湖周边" blocks for a
minute). Given the days already laid out (which highlights go on which day), it only has to write
a few lines about sights it was handed, one day at a time (`agents.day_by_day`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from agents.highlights import easy_highlights
from agents.knowledge import Destination, KnowledgeBase, Lang, load_kb, text_lang
from agents.trip_length import DAY_NAMED, trip_length
from config.yaml_data import read_yaml

T = TypeVar("T")
DAY_TEMPLATES = Path(__file__).parent / "prompts" / "itinerary_days.yaml"
# Longer trips get the first MAX_DAYS days planned; a 0.5B model's week is already repetitive.
MAX_DAYS = 7
# What the skeleton already hands out day by day: left out of the fact sheet of a planned answer.
DAY_PLAN_FIELDS = ("highlights", "suggested_days")
# More than three sights a day is not a day anyone walks; later highlights are left out.
MAX_SIGHTS_PER_DAY = 3
ZH_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}  # fmt: skip
EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
# "第二天换成西溪" / "swap day 2": a revision of one day, answered against the earlier plan.
ONE_DAY_REVISION = DAY_NAMED


@cache
def day_templates() -> dict[str, dict[Lang, str]]:

    data: dict[str, dict[Lang, str]] = read_yaml(DAY_TEMPLATES)
    return data


@dataclass(frozen=True)
class DayPlan:
    """One day of the skeleton: where it is and what the model is asked to fill in."""

    day: int
    days: int
    destination: str
    sights: tuple[str, ...]
    lang: Lang

    @property
    def sights_text(self) -> str:
        return ("、" if self.lang == "zh" else "; ").join(self.sights)

    def heading(self) -> str:
        return day_templates()["heading"][self.lang].format(day=self.day, sights=self.sights_text)

    def stops(self) -> list[str]:
        """Where the model has left this day: a new line opening another day or a heading (the
        day's lines open with 上午/下午/晚上 or Morning/Afternoon/Evening). Asked for day 3, it
        started again at "第一天" and wrote three more days."""
        return list(day_templates()["stops"])

    def instruction(self) -> str:
        return day_templates()["day_instruction"][self.lang].format(
            day=self.day, days=self.days, name=self.destination, sights=self.sights_text
        )


def requested_days(text: str) -> int | None:
    """The number of days the traveller asks for ("三天", "3-day", "48 hours", "两天半": a half
    day counts as a day of the plan), if any (`trip_length.py` reads the words)."""
    length = trip_length(text)
    return None if length is None else length.slots


def suggested_days(destination: Destination) -> int:
    """The short end of the KB's suggestion ("2-3" → 2): a plan the traveller can extend."""
    first = re.match(r"\d+", str(destination.data.get("suggested_days", "")))
    return int(first.group(0)) if first else 2


def list_field(destination: Destination, field: str, lang: Lang) -> list[str]:
    """A list field of the entry in one language (shared with the KB plan, `kb_plan.py`)."""
    value: Any = destination.data.get(field) or {}
    items = value.get(lang) if isinstance(value, dict) else value
    return [str(i) for i in items or []]


def chunks(items: Sequence[T], parts: int) -> list[tuple[T, ...]]:
    """`items` in order, split into `parts` runs whose sizes differ by at most one."""
    size, extra = divmod(len(items), parts)
    runs, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        runs.append(tuple(items[start:end]))
        start = end
    return runs


def destination_days(
    destination: Destination, days: int, lang: Lang, easy: bool = False
) -> list[tuple[str, ...]]:
    """The sights of each day: the highlights in KB order, then a food day, then free days.
    An easy-going plan leaves out what the KB marks demanding and day trips."""
    highlights = (
        easy_highlights(destination, lang) if easy else list_field(destination, "highlights", lang)
    )
    if days <= len(highlights):
        return [run[:MAX_SIGHTS_PER_DAY] for run in chunks(highlights, days)]
    runs: list[tuple[str, ...]] = [(h,) for h in highlights]
    foods = list_field(destination, "local_food", lang)
    templates = day_templates()
    if foods:
        joined = ("、" if lang == "zh" else ", ").join(foods[:4])
        runs.append((templates["food_day"][lang].format(foods=joined),))
    while len(runs) < days:
        runs.append((templates["free_day"][lang],))
    return runs[:days]


def split_days(total: int, count: int) -> list[int]:
    """Days per destination (the first named gets the odd day); each gets at least one."""
    return [len(run) for run in chunks(["day"] * total, count)]


def plan_days(
    user_texts: Sequence[str], kb: KnowledgeBase | None = None, easy: bool = False
) -> tuple[DayPlan, ...]:
    """The day-by-day skeleton for the newest message, or () when it is not a fresh plan.

    Empty when the newest message names no KB destination (the model answers from the thread
    as before) or revises one day of an earlier plan ("第二天换成…", which needs that plan).
    Whether a plan was asked for at all is the caller's (`itinerary_ask.read_ask`).
    """
    if not user_texts:
        return ()
    newest = user_texts[-1]
    kb = kb or load_kb()
    destinations = kb.find(newest)[:2]
    if not destinations or ONE_DAY_REVISION.search(newest):
        return ()
    lang = text_lang(newest)
    total = requested_days(newest) or sum(suggested_days(d) for d in destinations)
    total = max(1, min(total, MAX_DAYS))
    destinations = destinations[:total]
    runs: list[tuple[str, tuple[str, ...]]] = []
    for destination, share in zip(destinations, split_days(total, len(destinations)), strict=True):
        name = destination.name(lang)
        runs += [(name, sights) for sights in destination_days(destination, share, lang, easy)]
    return tuple(
        DayPlan(day=i, days=total, destination=name, sights=sights, lang=lang)
        for i, (name, sights) in enumerate(runs, start=1)
    )


def intro(plan: Sequence[DayPlan]) -> str:
    """The line above the days: where, how long, and where the sights come from."""
    first = plan[0]
    joiner = "、" if first.lang == "zh" else " and "
    names = joiner.join(dict.fromkeys(d.destination for d in plan))
    return day_templates()["intro"][first.lang].format(name=names, days=first.days)
