"""What the KB says about each highlight of a destination: its area, whether it takes a whole day,
whether it is tiring, whether it is a food place.

Shared by the KB-led list (`sights_answer.py`) and the day plans (`kb_plan.py`, `day_plan.py`):
the plan groups a day by `area` and gives a `whole_day` sight (theme park, day trip, long hike) a
day of its own; an easy-going ask leaves out what the KB marks `demanding` (steep climbs,
altitude, long hikes) and whole-day trips out of town, in a list and in a plan alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from agents.knowledge import Destination, Lang, has_word
from agents.prompt_data import read_yaml

WORDS = Path(__file__).parent / "prompts" / "itinerary_ask.yaml"
# leisure: one long day at one place (theme park, zoo, river cruise); trip: long hours on the road
# to somewhere out of town; hike: a long walk or climb. Easy-going asks keep only `leisure`.
WholeDay = Literal["leisure", "trip", "hike"]
WHOLE_DAY_KINDS: tuple[WholeDay, ...] = ("leisure", "trip", "hike")


@cache
def ask_words() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(WORDS)
    return data


def words_of(kind: str) -> list[str]:
    spec = ask_words()[kind]
    return [*spec["zh"], *spec["en"]]


@dataclass(frozen=True)
class Area:
    """A neighbourhood or cluster; `order` is its place in the entry's list, which runs in
    geographic order (neighbours next to each other); `apart`: out of town, shares no day."""

    order: int
    name: str
    apart: bool


@dataclass(frozen=True)
class Sight:
    text: str
    demanding: str | None  # why it is tiring (None: the KB does not mark it)
    area: Area
    whole_day: WholeDay | None = None
    food_place: bool = False
    kb_order: int = 0  # 1-based item in `highlights`
    evening: bool = (
        False  # for an evening (night market, night cruise, light show): the KB's `evening`
    )
    months: tuple[
        int, ...
    ] = ()  # only in these months (a festival): the KB's `months`; () all year
    # the short names people write for it ("兵马俑" for 秦始皇兵马俑博物馆): the KB's `called`
    called: tuple[str, ...] = ()
    indoor: bool = False  # visited under a roof (a museum, a covered market): the KB's `indoor`

    @property
    def day_trip(self) -> bool:
        """Long hours on the road (or a long hike): out of an easy-going list or plan."""
        return self.whole_day in ("trip", "hike")


class KbShapeError(ValueError):
    """An entry's `areas` / `whole_day` do not match its highlights (caught at start-up)."""


def _areas(destination: Destination, lang: Lang) -> dict[int, Area]:
    by_item: dict[int, Area] = {}
    for order, spec in enumerate(destination.data.get("areas") or []):
        area = Area(order, str(spec[lang]), bool(spec.get("apart", False)))
        for item in spec["items"]:
            if int(item) in by_item:
                raise KbShapeError(f"{destination.id}: highlight {item} is in two areas")
            by_item[int(item)] = area
    return by_item


def sights(destination: Destination, lang: Lang) -> list[Sight]:
    """The entry's highlights, in KB order, with what the KB says about each."""
    why = {int(d["item"]): str(d[lang]) for d in destination.data.get("demanding", [])}
    whole = {int(w["item"]): w["kind"] for w in destination.data.get("whole_day", [])}
    areas = _areas(destination, lang)
    evening = {int(i) for i in destination.data.get("evening", [])}
    indoor = {int(i) for i in destination.data.get("indoor", [])}
    months = {
        int(m["item"]): tuple(int(x) for x in m["months"])
        for m in destination.data.get("months", [])
    }
    called = {
        int(c["item"]): tuple(str(n) for n in c.get(lang, ()))
        for c in destination.data.get("called", [])
    }
    count = len(destination.data["highlights"][lang])
    if bad := [i for i in (*evening, *indoor, *months, *called) if not 1 <= i <= count]:
        raise KbShapeError(
            f"{destination.id}: evening/indoor/months/called name highlight {bad[0]},"
            " not in the list"
        )
    if any(not m or not all(1 <= x <= 12 for x in m) for m in months.values()):
        raise KbShapeError(f"{destination.id}: months must be 1-12")
    food = words_of("food_place_words")
    out: list[Sight] = []
    for i, text in enumerate(destination.data["highlights"][lang], start=1):
        if i not in areas:
            raise KbShapeError(f"{destination.id}: highlight {i} ({text}) has no area")
        kind = whole.get(i)
        if kind is not None and kind not in WHOLE_DAY_KINDS:
            raise KbShapeError(f"{destination.id}: highlight {i} whole_day kind {kind!r}")
        out.append(
            Sight(text, why.get(i), areas[i], kind, has_word(food, text), i, i in evening,
                  months.get(i, ()), called.get(i, ()), i in indoor)
        )  # fmt: skip
    return out


def easy_highlights(destination: Destination, lang: Lang) -> list[str]:
    """The highlights an easy-going ask keeps: not marked demanding, not a trip or a hike."""
    return [s.text for s in sights(destination, lang) if not s.demanding and not s.day_trip]
