"""A nightly budget in yuan set against the KB's hotel price range
(lodging_budget_rule_2026-12-06g.md).

Why: "去京都住哪个区域比较方便？预算一晚六七百" got Kyoto's price range and the sights' areas but
no word on the one number the person gave (served read 32, w7). The KB's `typical_costs` gives each
entry's hotel range in yuan (mainland entries in yuan; the others in their currency with the yuan
in brackets), so a yuan budget can be placed below, inside or above it without a guess. A budget
in another currency, a whole-trip budget or no number gets no line: nothing is converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Destination, Lang, has_word
from agents.prompt_data import read_yaml

TEXTS = Path(__file__).parent / "prompts" / "lodging_budget.yaml"
# the parts of `typical_costs` ("青旅约60-120元，中档酒店约250-600元/晚"); an English comma only
# before a word ("THB 1,200-3,000" keeps its thousands)
PART = {"zh": re.compile(r"[；;，,]"), "en": re.compile(r";|,\s(?=[A-Za-z])")}

# "三四百", "一千五", "两千", "八百": a Chinese amount in hundreds or thousands
ZH_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_D = "[一二两三四五六七八九]"
# a tail digit ("一千五") is not one the night count follows ("四百一晚" is 400 a night)
ZH_AMOUNT = re.compile(rf"({_D})({_D})?([百千])(?:({_D})(?![晚夜天宿日]))?(?![百千万])")
DIGITS = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|千|万)?(?![\d.])", re.I)
RANGE_JOIN = re.compile(r"^\s*(?:-|~|～|—|–|到|至|to)\s*$")
CNY_RANGE = {
    "zh": re.compile(r"(\d[\d,]*)\s*-\s*(\d[\d,]*)\s*元"),
    "en": re.compile(r"CNY\s*(\d[\d,]*)\s*-\s*(\d[\d,]*)"),
}
SCALE = {"k": 1000, "千": 1000, "万": 10000}
MIN_NIGHT = 50  # a smaller number is a count of people or nights, not yuan a night


@dataclass(frozen=True)
class Budget:
    low: int
    high: int
    ceiling: bool  # "以内", "under": anything up to `high`


@cache
def budget_texts() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(TEXTS)
    return data


def _words(key: str) -> list[str]:
    spec = budget_texts()[key]
    return [*spec["zh"], *spec["en"]]


def _amounts(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, low, high) of each amount in the text, in order."""
    found: list[tuple[int, int, int, int]] = []
    for m in ZH_AMOUNT.finditer(text):
        first, second, unit, tail = m.groups()
        scale = 100 if unit == "百" else 1000
        low = ZH_DIGITS[first] * scale + (ZH_DIGITS[tail] * scale // 10 if tail else 0)
        high = ZH_DIGITS[second] * scale if second else low
        found.append((m.start(), m.end(), low, high))
    for m in DIGITS.finditer(text):
        value = float(m.group(1).replace(",", "")) * SCALE.get((m.group(2) or "").lower(), 1)
        found.append((m.start(), m.end(), int(value), int(value)))
    return sorted(found)


def nightly_budget(question: str) -> Budget | None:
    """The yuan a night the turn gives, if it says a per-night budget in yuan (module doc)."""
    if not has_word(_words("per_night"), question) or has_word(_words("other_money"), question):
        return None
    ceiling = has_word(_words("ceiling"), question)
    if not ceiling and not has_word(_words("budget_words"), question):
        return None  # a price quoted ("民宿一晚一千二，太贵了"), not what they will pay
    amounts = [a for a in _amounts(question) if a[3] >= MIN_NIGHT]
    if not amounts:
        return None
    _, end, low, high = amounts[0]
    if len(amounts) > 1 and RANGE_JOIN.match(question[end : amounts[1][0]]):
        high = amounts[1][3]
    return Budget(low, high, ceiling)


def hotel_range(destination: Destination, lang: Lang) -> tuple[int, int] | None:
    """The yuan range of the first hotel part of the entry's `typical_costs`."""
    text = destination.field_text("typical_costs", lang) or ""
    for part in PART[lang].split(text):
        if not has_word(_words("hotel_words"), part):
            continue
        if m := CNY_RANGE[lang].search(part):
            low, high = (int(g.replace(",", "")) for g in m.groups())
            return low, high
    return None


def budget_line(question: str, destination: Destination, lang: Lang) -> str | None:
    """One line placing the turn's nightly yuan budget against the KB's hotel range, or None."""
    budget = nightly_budget(question)
    kb = hotel_range(destination, lang)
    if budget is None or kb is None:
        return None
    low, high = kb
    # a ceiling is placed by its top, any other budget by its middle
    point = budget.high if budget.ceiling else (budget.low + budget.high) / 2
    if budget.high < low:
        key = "below"
    elif point >= high:  # a budget whose low end is above the range has its point there too
        key = "fits"
    elif point < low + (high - low) / 3:
        key = "low_end"
    else:
        key = "inside"
    t = budget_texts()["texts"][lang]
    amount = f"{budget.low}-{budget.high}" if budget.high != budget.low else str(budget.high)
    said = t["ceiling" if budget.ceiling else "amount"].format(amount=amount)
    verdict = t[key].format(range=f"{low}-{high}")
    return str(t["line"].format(budget=said, verdict=verdict))
