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


def asks_feasibility(question: str) -> bool:
    """A yes/no question about whether a trip, a day trip or a set of sights fits the time."""
    spec = _spec()
    if not has_word([*spec["feasibility_words"]["zh"], *spec["feasibility_words"]["en"]], question):
        return False
    if any(w in question for w in spec["yes_no"]["zh"]):
        return True
    return any(re.search(p, question, re.IGNORECASE) for p in spec["yes_no"]["en"])


# "a 3-day trip", "5 day trip": a trip's length, which also contains "day trip"
TRIP_LENGTH = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|ten)[- ]day trip", re.IGNORECASE
)


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
