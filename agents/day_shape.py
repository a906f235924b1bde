"""The shape of a plan's days beyond "which sights": a half day, and evenings.

Why (travel-6 review): "厦门两天半" lost its half day; an evening-only sight (a desert safari with
dinner, a night market, a light show) took a whole day of its own. So:

- a half day is the trip's last day and holds at most `HALF_DAY_SIGHTS` (one at an easy pace)
  of one area, never a whole-day sight nor an out-of-town area; what it cannot hold moves to a
  full day of its own area with room, else it is named as not fitting;
- an evening sight (KB `evening`) is put in the evening of a day, at most one per day: a day of
  its own area first, then a day that is not a day trip or hike, the lightest first; a day with
  no daytime sight is made for it only when every planned day has its evening and a day of the
  trip is still empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.highlights import Sight

HALF_DAY_SIGHTS = 2
EASY_HALF_DAY_SIGHTS = 1

Unit = tuple[Sight, ...]


def _half_ok(unit: Unit) -> bool:
    return bool(unit) and not any(s.whole_day or s.area.apart for s in unit)


def with_half_day(
    units: Sequence[Unit], no_room: Sequence[Sight], slots: int, per_day: int, easy: bool
) -> tuple[list[Unit], list[Sight]]:
    """The units with the last one a half day: the lightest unit that can be one (the later on
    a tie) is moved last and cut to the half day's size. When the KB fills fewer days than the
    slots, the half day is already the spare day (nothing moves)."""
    units, no_room = [tuple(u) for u in units], list(no_room)
    if len(units) < slots or not units:
        return units, no_room
    fit = [i for i, u in enumerate(units) if _half_ok(u)]
    if not fit:
        # nothing short enough: the last day's sights do not fit, the half day stays free
        return units[:-1], no_room + list(units[-1])
    i = min(fit, key=lambda k: (len(units[k]), -k))
    half = units.pop(i)
    cap = EASY_HALF_DAY_SIGHTS if easy else HALF_DAY_SIGHTS
    kept, extra = half[:cap], half[cap:]
    for sight in extra:
        home = next(
            (j for j, u in enumerate(units)
             if len(u) < per_day and _half_ok(u) and any(s.area == sight.area for s in u)),
            None,
        )  # fmt: skip
        if home is None:
            no_room.append(sight)
        else:
            units[home] = (*units[home], sight)
    return [*units, kept], no_room


def place_evenings(
    units: Sequence[Unit], evenings: Sequence[Sight], slots: int
) -> tuple[list[Unit], list[Sight | None], list[Sight]]:
    """(the units, each one's evening sight or None, the evening sights with no free evening)."""
    units = [tuple(u) for u in units]
    nights: list[Sight | None] = [None] * len(units)
    no_room: list[Sight] = []
    for sight in evenings:
        free = [i for i, n in enumerate(nights) if n is None]

        def rank(i: int, sight: Sight = sight) -> tuple[bool, bool, int, int]:
            unit = units[i]
            return (
                not any(s.area == sight.area for s in unit),
                any(s.day_trip for s in unit),
                len(unit),
                i,
            )

        easy_free = [i for i in free if not any(s.day_trip for s in units[i])]
        same_area = [i for i in easy_free if any(s.area == sight.area for s in units[i])]
        if pick := same_area or easy_free or free:
            nights[min(pick, key=rank)] = sight
        elif len(units) < slots:
            units.append(())
            nights.append(sight)
        else:
            no_room.append(sight)
    return units, nights, no_room
