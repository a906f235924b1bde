"""Whether a question is a yes/no feasibility ask ("一天够不够", "day trip from Chengdu?"), and the
words the KB's answer to it uses (`prompts/feasibility.yaml`). Apart from `feasibility.py` so the
expert can read the ask without importing the KB answers (which import the expert)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Lang, has_word
from agents.prompt_data import read_yaml

WORDS_FILE = Path(__file__).parent / "prompts" / "feasibility.yaml"


@cache
def _spec() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS_FILE)
    return data


def feasibility_texts(lang: Lang) -> dict[str, str]:
    texts: dict[str, str] = _spec()["texts"][lang]
    return texts


# "a 3-day trip", "5 day trip": a trip's length, which also contains "day trip"
TRIP_LENGTH = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|ten)[- ]day trip", re.IGNORECASE
)


@cache
def _change_requests() -> re.Pattern[str]:
    spec = _spec()["change_requests"]
    return re.compile("|".join(f"(?:{p})" for p in [*spec["zh"], *spec["en"]]), re.IGNORECASE)


def asks_feasibility(question: str) -> bool:
    """A yes/no question about whether a trip, a day trip or a set of sights fits the time.
    A trip's length ("can you plan a 2-day trip?") holds no "day trip", and a request to change
    the plan ("can you cut it down?") no yes/no (day_count_rule_2026-12-06.md)."""
    spec = _spec()
    words = [*spec["feasibility_words"]["zh"], *spec["feasibility_words"]["en"]]
    if not has_word(words, TRIP_LENGTH.sub(" ", question)):
        return False
    asked = _change_requests().sub(" ", question)
    if any(w in asked for w in spec["yes_no"]["zh"]):
        return True
    return any(re.search(p, asked, re.IGNORECASE) for p in spec["yes_no"]["en"])


def asks_day_trip(question: str) -> bool:
    """A feasibility ask about a day trip there and back (not a trip's length in days)."""
    spec = _spec()["day_trip_words"]
    return asks_feasibility(question) and has_word(
        [*spec["zh"], *spec["en"]], TRIP_LENGTH.sub(" ", question)
    )


def asks_enough(question: str) -> bool:
    """Whether it asks if the days are enough ("一天够不够", "is one day enough")."""
    spec = _spec()["enough_words"]
    return has_word([*spec["zh"], *spec["en"]], question)


def asks_days_needed(question: str) -> bool:
    """An open ask for how long to stay ("成都需要几天", "how long should I spend in Xi'an")."""
    spec = _spec()["days_needed"]
    return any(re.search(p, question, re.IGNORECASE) for p in [*spec["zh"], *spec["en"]])


def feasibility_words(kind: str) -> list[str]:
    spec = _spec()[kind]
    return [
        str(w).lower() for w in (spec if isinstance(spec, list) else [*spec["zh"], *spec["en"]])
    ]
