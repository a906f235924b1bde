"""What an itinerary question asks for: a day-by-day plan, or a list (how many, for whom, food).

Why: the day plan (`day_plan.py`) used to start whenever a destination was named, so "推荐三个
西安适合带老人去的景点，不要太累" got three days with Mount Hua (served answers read on 2026-12-02).
A plan is made only when one is asked for (a plan word, or a number of days with no list asked);
other asks are answered as a list from the KB entry (`sights_answer.py`), respecting the count and
the constraints the KB can speak to. Pure word rules over `prompts/itinerary_ask.yaml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.day_plan import EN_NUMBERS, ZH_NUMBERS
from agents.highlights import ask_words, words_of
from agents.interests import asked_interests
from agents.knowledge import has_word, word_pattern
from agents.pace import wants_easy_pace
from agents.trip_length import trip_length

# A number counts items only where it asks for them: a recommendation verb before it ("推荐三个")
# or a place, sight or dish after it ("两个适合带老人去的景点"); "脚底起了两个大水泡" asks for no
# list of two (2026-12-04: the itinerary answer listed two sights, "你要2个").
_ZH_N = r"(\d{1,2}|[一两二三四五六七八九十])\s*(?:个|处|家|条|座|项|样|间)"
ZH_COUNT = re.compile(
    rf"(?:推荐|列出?|给我|挑|选|来|找)\s*{_ZH_N}"
    rf"|{_ZH_N}[^，。,.？?！!\s]{{0,10}}?"
    r"(?:景点|景区|地方|去处|打卡|博物馆|公园|寺|庙|街|市场|夜市|古镇|餐厅|馆|店|小吃|美食|菜|"
    r"目的地|城市|海滩|岛|山|湖|路线|活动|项目|玩法|必去|值得)"
)
EN_COUNT = re.compile(
    rf"\b(?:top\s+)?(\d{{1,2}}|{'|'.join(EN_NUMBERS)})\s+(?:[\w'-]+\s+){{0,3}}?"
    r"(sights|places|attractions|things|spots|temples|museums|streets|markets|parks|ideas|stops)\b",
    re.I,
)
TOP = re.compile(r"\btop\s+(\d{1,2})\b", re.I)


def _has(kind: str, text: str) -> bool:
    return has_word(words_of(kind), text)


def _without(kind: str, text: str) -> str:
    """The text with the words of `kind` taken out (longest first: "小吃街" before "小吃")."""
    for word in sorted(words_of(kind), key=len, reverse=True):
        text = re.sub(word_pattern(word), " ", text, flags=re.IGNORECASE)
    return text


def _without_advice(text: str) -> str:
    """The text with its advice asks taken out ("有什么…建议": advice, not a list)."""
    for pattern in ask_words()["advice_asks"]["patterns"]:
        text = re.sub(pattern, " ", text)
    return text


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return ZH_NUMBERS.get(word) or EN_NUMBERS[word.lower()]


def requested_count(text: str) -> int | None:
    """How many items the question asks for ("三个景点", "3 places", "top 5"), if it says."""
    if m := ZH_COUNT.search(text):
        return _number(m.group(1) or m.group(2))
    if m := EN_COUNT.search(text) or TOP.search(text):
        return _number(m.group(1))
    return None


@dataclass(frozen=True)
class ItineraryAsk:
    """The shape of the ask: a plan (of `days`, None: the KB's suggestion) or a list."""

    plan: bool
    days: int | None = None
    count: int | None = None
    easy: bool = False
    food: bool = False
    half: bool = False  # the last of `days` is a half day ("两天半", "2.5 days", "36 hours")
    # What the ask is interested in ("museums", "带孩子", "nightlife"): agents/interests.py
    interests: tuple[str, ...] = ()
    # The food is asked beside the sights ("what should we see and eat?"): not a food list, but a
    # sights list keeps the KB's dishes line
    dishes: bool = False


# "成都、重庆、西安三个城市，一共七天": with a length said, a number of cities counts the trip's
# cities, not a list asked for (kansai_rule_2026-12-06.md: it got "你要3个" sights of Chengdu)
TRIP_CITIES = re.compile(rf"{_ZH_N}\s*(?:城市|目的地)|\b\w+\s+(?:cities|destinations)\b", re.I)


def read_ask(text: str) -> ItineraryAsk:
    length = trip_length(text)
    days = length.slots if length else None
    count = requested_count(text)
    if count is not None and days is not None and TRIP_CITIES.search(text):
        count = None
    listed = count is not None or _has("list_words", _without_advice(text))
    # with the days said, a food street or night market is a stop of the plan, not a food ask
    # and a liking for food is who they are, not an ask (food_liking_rule_2026-12-06g.md)
    spoken = text if days is None else _without("food_likes", _without("food_place_asks", text))
    eats = _has("food_words", spoken) or _has("food_place_asks", spoken)
    beside = eats and _has("see_words", text)
    food = eats and not beside
    # "Bangkok for 3 days, places to visit and food to try?": with the days said, sights and food
    # asked in one breath want the plan of those days, list word or not; a count stays a list
    # (days_both_rule_2026-12-06e.md)
    unlisted = not listed or (beside and count is None)
    plan = _has("plan_words", text) or (days is not None and unlisted and not food)
    half = bool(length and length.half)
    return ItineraryAsk(
        plan, days, None if plan else count, wants_easy_pace(text), food, half,
        asked_interests(text), beside,
    )  # fmt: skip
