"""How long a trip is: days, nights, hours, weeks, half days and weekends, in zh and en.

Why: the day count was read from "N 天" / "N days" only, so "48 hours in New York" got the KB's
four days and "两天半" lost its half day (travel-6 review). The words are data
(`prompts/trip_length.yaml`); the readings are:

- "三天两晚", "5 days 4 nights": the days (the nights are the ones in between);
- nights alone ("住三晚", "4 nights"): one day more than the nights, as packages count them;
- hours ("48 hours", "72h", "36小时"): whole days of 24 hours, the rest a half day from 4 hours
  and a day from 14; fewer than 4 hours is a leg's time ("坐车3小时"), not a trip;
- weeks: seven days each; a weekend two days, a long weekend three;
- a half ("两天半", "2.5 days", "a day and a half", "半天", "half a day") is a half day at the end.

A number of days that says no length is not read (`NOT_LENGTH`, `not_length` in the YAML): a
time ("三天前", "两天后飞", "two days ago"), a rate ("一天三顿", "8 hours a day"), a day's load
("too much for one day") or a jet-lag span; "way too much for one day, can you cut it down" after
a 3-day plan was read as a 1-day trip (day_count_rule_2026-12-06.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "prompts" / "trip_length.yaml"
# A day of the trip named ("第三天", "最后一天", "day 2", "the second day"): which day, never how
# many. "第三天太累了，换成轻松一点的" after a four-day plan came back as a three-day plan
# (served read 22, f13; evals/travel/results/day_named_rule_2026-12-05.md).
DAY_NAMED = re.compile(
    r"第\s*(\d{1,2}|[一二三四五六七八九十])\s*天|最后一天|\bday\s*\d\b"
    r"|\b(first|second|third|fourth|fifth|last)\s+day\b",
    re.I,
)


@dataclass(frozen=True)
class TripLength:
    """`days` whole days, then a half day when `half`."""

    days: int
    half: bool = False

    @property
    def slots(self) -> int:
        """Days in the plan, a half day counted as one."""
        return self.days + (1 if self.half else 0)


@cache
def length_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS)
    return data


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _number(text: str) -> float:
    spec = length_words()["numbers"]
    key = text.lower()
    if key in spec["zh"]:
        return float(spec["zh"][key])
    if key in spec["en"]:
        return float(spec["en"][key])
    return float(text)


Reading = Callable[[re.Match[str]], TripLength | None]


@cache
def _readings() -> list[tuple[re.Pattern[str], Reading]]:
    """(pattern, reading) in priority order: the first pattern that matches decides."""
    w = length_words()
    zh_n = rf"(\d{{1,3}}(?:\.5)?|{_alt(list(w['numbers']['zh']))})"
    en_words = [k for k in w["numbers"]["en"] if k not in ("a", "an")]
    en_n = rf"\b(\d{{1,3}}(?:\.5)?|{_alt(en_words)})"
    zu, eu = w["units"]["zh"], w["units"]["en"]
    # a zh number that is part of a date ("5月1日") or another number is not a count
    zh_free = r"(?<![\d月号.])"
    zh_day, zh_night = _alt(zu["day"]), _alt(zu["night"])
    en_day, en_night = _alt(eu["day"]), _alt(eu["night"])
    half_zh = re.escape(w["half"]["zh"]["after_days"])

    def days(m: re.Match[str]) -> TripLength:
        value = _number(m.group(1))
        return TripLength(int(value), value % 1 >= 0.5)

    def half_more(m: re.Match[str]) -> TripLength:
        return TripLength(int(_number(m.group(1))), True)

    def nights(m: re.Match[str]) -> TripLength:
        return TripLength(int(_number(m.group(1))) + 1)

    def weeks(m: re.Match[str]) -> TripLength:
        return TripLength(int(_number(m.group(1))) * 7)

    def hours(m: re.Match[str]) -> TripLength | None:
        spec = length_words()["hours"]
        whole, rest = divmod(int(_number(m.group(1))), 24)
        if whole == 0 and rest < spec["half_from"]:
            return None
        if rest >= spec["full_from"]:
            return TripLength(whole + 1)
        return TripLength(whole, rest >= spec["half_from"])

    zh_hour, en_hour = _alt(zu["hour"]), _alt(eu["hour"])
    return [
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{zh_day})\s*{zh_n}\s*(?:{zh_night})"), days),
        (
            re.compile(rf"{en_n}[\s-]*(?:{en_day})\b[\s,/&and]*{en_n}[\s-]*(?:{en_night})\b", re.I),
            days,
        ),
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{zh_day}){half_zh}"), half_more),
        (re.compile(rf"{en_n}\s+and\s+a\s+half[\s-]*(?:{en_day})\b", re.I), half_more),
        (re.compile(r"\b(a|one)\s+day\s+and\s+a\s+half\b", re.I), lambda m: TripLength(1, True)),
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{zh_day})"), days),
        (re.compile(rf"{en_n}[\s-]*(?:{en_day})\b", re.I), days),
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{zh_hour})"), hours),
        (re.compile(rf"{en_n}[\s-]*(?:{en_hour})\b", re.I), hours),
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{_alt(zu['week'])})"), weeks),
        (re.compile(rf"{en_n}[\s-]*(?:{_alt(eu['week'])})\b", re.I), weeks),
        (re.compile(r"\ba\s+week\b", re.I), lambda m: TripLength(7)),
        (re.compile(rf"{zh_free}{zh_n}\s*(?:{zh_night})"), nights),
        (re.compile(rf"{en_n}[\s-]*(?:{en_night})\b", re.I), nights),
        (re.compile(_alt(w["half"]["zh"]["alone"])), lambda m: TripLength(0, True)),
        (
            re.compile(rf"\b(?:{_alt(w['half']['en']['alone'])})\b", re.I),
            lambda m: TripLength(0, True),
        ),
        (re.compile(r"\b(a|one)\s+day\s+(trip|in)\b", re.I), lambda m: TripLength(1)),
        *[
            (re.compile(rf"\b{re.escape(k)}\b" if k.isascii() else re.escape(k), re.I), _fixed(v))
            for lang in ("zh", "en")
            for k, v in w["weekend"][lang].items()
        ],
    ]


def _fixed(days: int) -> Reading:
    return lambda m: TripLength(days)


# What {zh_n} / {en_n} stand for in `not_length`: a number, a range ("一两", "a day or two" is
# "a" then "or two") or "几" / "a few", since "几天前" is as much a time as "三天前".
ZH_ANY_NUMBER = r"(?:\d{1,3}|[一二两俩三四五六七八九十几]{1,3})"
EN_ANY_NUMBER = (
    r"(?:\d{1,3}|a couple of|couple of|a few|few|several|a|an|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)"
)


@cache
def not_length() -> re.Pattern[str]:
    """The spans that say a number of days but no trip length (module doc)."""
    return _spans(length_words()["not_length"], ZH_ANY_NUMBER, EN_ANY_NUMBER)


def _spans(spec: dict[str, list[str]], zh_n: str, en_n: str) -> re.Pattern[str]:
    """One pattern of a YAML group's zh and en expressions, {zh_n} / {en_n} filled in."""
    parts = [p.replace("{zh_n}", zh_n).replace("{en_n}", en_n) for p in spec["zh"] + spec["en"]]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.I)


@cache
def _free_days() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The spans that say how many days are free, and the words that say the rest is taken by
    work or family (`free_days` and `busy` in the YAML)."""
    w = length_words()
    zh_n = rf"(?<![\d月号.])(\d{{1,3}}|{_alt(list(w['numbers']['zh']))})"
    en_n = rf"\b(\d{{1,3}}|{_alt(list(w['numbers']['en']))})"
    busy = [re.escape(b) for b in w["busy"]["zh"]]
    busy += [rf"\b{re.escape(b)}\b" for b in w["busy"]["en"]]
    return _spans(w["free_days"], zh_n, en_n), re.compile("|".join(busy), re.I)


def trip_length(text: str) -> TripLength | None:
    """The trip's length as the text says it, or None when it says none; a day named in it
    (`DAY_NAMED`) or a number of days that is no length (`not_length`) is not read as one.
    Free days said ("4 free days", "两天空闲") are the length when work or family takes the rest
    of the stay or no other length is said (free_days_rule_2026-12-06h.md)."""
    text = not_length().sub(" ", DAY_NAMED.sub(" ", text))
    free, busy = _free_days()
    if m := free.search(text):
        found = TripLength(int(_number(next(g for g in m.groups() if g))))
        if found.days > 0 and (busy.search(text) or _read(text) is None):
            return found
    return _read(text)


def _read(text: str) -> TripLength | None:
    for pattern, reading in _readings():
        if m := pattern.search(text):
            found = reading(m)
            if found is not None and found.slots > 0:
                return found
    return None


@cache
def _month_patterns() -> list[tuple[re.Pattern[str], tuple[int, ...]]]:
    spec = length_words()["months"]
    zh = _alt(list(spec["zh_numbers"]))
    found: list[tuple[re.Pattern[str], tuple[int, ...]]] = []
    for word, n in spec["zh_numbers"].items():
        # "十一月" / "11月", not "3个月" (a length) nor "十一月" read as "一月"
        found.append((re.compile(rf"(?<![\d个{zh}]){re.escape(word)}\s*月"), (int(n),)))
    found += [(re.compile(rf"(?<![\d.]){n}\s*月"), (n,)) for n in range(1, 13)]
    # English month names are capitalised words ("May", not "may")
    found += [(re.compile(rf"\b{re.escape(w)}\b\.?"), (int(n),)) for w, n in spec["en"].items()]
    for lang in ("zh", "en"):
        for word, months in spec["holidays"][lang].items():
            flags = re.I if lang == "en" else 0
            pattern = rf"\b{re.escape(word)}\b" if lang == "en" else re.escape(word)
            found.append((re.compile(pattern, flags), tuple(int(m) for m in months)))
    return found


def trip_months(text: str) -> frozenset[int]:
    """The months the text says the trip is in (empty: it does not say)."""
    return frozenset(m for p, months in _month_patterns() if p.search(text) for m in months)
