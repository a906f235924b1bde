"""The patient's age when a question states it, so the guard can apply products' age limits.

Only explicit ages count ("孩子4岁", "my 3-year-old", "an 18-month-old", "宝宝8个月"); a guess
from words like "baby" is left to the cards' own age notes.
"""

from __future__ import annotations

import re

YEARS = re.compile(
    r"(\d{1,2}(?:\.\d)?)\s*(?:周岁|岁|歲|-?\s*(?:years?|yrs?|yo\b|y/o)(?:[- ]old)?)", re.IGNORECASE
)
MONTHS = re.compile(r"(\d{1,2})\s*(?:个月|個月|-?\s*months?(?:[- ]old)?)", re.IGNORECASE)


def stated_age_years(text: str) -> float | None:
    """The youngest age stated in the text, in years (None: no age stated)."""
    ages = [float(m.group(1)) for m in YEARS.finditer(text)]
    ages += [int(m.group(1)) / 12 for m in MONTHS.finditer(text)]
    return min(ages) if ages else None
