"""What the KB says about each highlight of a destination: tiring, a day trip, a food place.

Shared by the KB-led list (`sights_answer.py`) and the day plan (`day_plan.py`): an easy-going
ask ("带老人", "with my parents", "不要太累") leaves out what the KB marks `demanding` (steep
climbs, altitude, long hikes; destinations.yaml) and day trips, in a list and in a plan alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Destination, Lang, has_word
from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "prompts" / "itinerary_ask.yaml"


@cache
def ask_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS)
    return data


def words_of(kind: str) -> list[str]:
    spec = ask_words()[kind]
    return [*spec["zh"], *spec["en"]]


@dataclass(frozen=True)
class Sight:
    text: str
    demanding: str | None  # why it is tiring (None: the KB does not mark it)
    day_trip: bool
    food_place: bool


def sights(destination: Destination, lang: Lang) -> list[Sight]:
    """The entry's highlights, in KB order, with what the KB says about each."""
    why = {int(d["item"]): str(d[lang]) for d in destination.data.get("demanding", [])}
    trips, food = words_of("day_trip_words"), words_of("food_place_words")
    return [
        Sight(text, why.get(i), has_word(trips, text), has_word(food, text))
        for i, text in enumerate(destination.data["highlights"][lang], start=1)
    ]


def easy_highlights(destination: Destination, lang: Lang) -> list[str]:
    """The highlights an easy-going ask keeps: not marked demanding, not a day trip."""
    return [s.text for s in sights(destination, lang) if not s.demanding and not s.day_trip]
