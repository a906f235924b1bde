"""How a country or province trip splits its days over the KB's cities there (`regions.yaml`).

Why (country_plans_rule_2026-12-05.md): a region ask was planned over at most two cities with
the days split evenly, so "云南一周" gave 昆明 four days, two of them one sight each, while 丽江 and
西双版纳 were "not planned", and a fortnight in Japan never reached Osaka. Here each city has a
*need* (the days its sights fill at the pace asked, as the planner itself lays them out) and a
*least* (the short end of the KB's `suggested_days`, never above the need):

- cities are taken in route order while their least days fit;
- two or more days left go to the region's next city (up to its least): a country trip uses its
  other cities before one city's days are stretched ("昆大丽" for a week in 云南);
- a day left then goes to the taken city with the most days still to fill (route order on a
  tie), one at a time;
- what is left after that is the last city's, said empty by the planner, never filled.

Pure arithmetic over ints, so the rule is tested without the KB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The biggest region (云南) has four KB cities; a longer list would be a second trip.
MAX_REGION_CITIES = 4
# Fewer leftover days than this are not worth a city of their own (a flight or train for a day).
MIN_STAY = 2


@dataclass(frozen=True)
class CityDays:
    """One city's days: `need` (what its sights fill at the pace) and `least` (its KB minimum)."""

    need: int
    least: int


def region_shares(cities: Sequence[CityDays], days: int) -> list[int]:
    """Days per city for the first len(result) cities in route order; they sum to `days`."""
    cities = list(cities[:MAX_REGION_CITIES])
    if not cities or days < 1:
        return [max(days, 1)] if cities else []
    least = [max(1, min(c.least, c.need)) for c in cities]
    shares = [min(days, least[0])]
    while len(shares) < len(cities) and sum(shares) + least[len(shares)] <= days:
        shares.append(least[len(shares)])
    while (left := days - sum(shares)) > 0:
        if left >= MIN_STAY and len(shares) < len(cities):
            shares.append(min(left, least[len(shares)]))
            continue
        short = [(cities[i].need - s, -i) for i, s in enumerate(shares) if cities[i].need > s]
        if not short:
            break
        _, minus_i = max(short)  # the most days to fill; the earlier city on a tie
        shares[-minus_i] += 1
    shares[-1] += days - sum(shares)
    return shares


def balanced_shares(shares: Sequence[int], needs: Sequence[int]) -> list[int]:
    """Named cities' days ("东京和京都十天", split evenly first): a day one city cannot fill goes
    to a city that still has sights for it, the most days to fill first; days none can fill are
    the last city's, said empty at the end of the trip rather than in its middle."""
    shares = list(shares)
    while True:
        over = [i for i, s in enumerate(shares) if s > needs[i]]
        under = [(needs[i] - s, -i) for i, s in enumerate(shares) if s < needs[i]]
        if not over or not under:
            break
        _, minus_j = max(under)
        shares[over[0]] -= 1
        shares[-minus_j] += 1
    for i in range(len(shares) - 1):
        if shares[i] > needs[i]:
            shares[-1] += shares[i] - needs[i]
            shares[i] = needs[i]
    return shares
