"""A single-city plan's spare days become day trips to the close KB cities its entry lists
(`day_trips`; spare_day_trip_rule_2026-12-06g.md): only with the KB's own timed leg, never for an
easy-paced plan, a plan of several cities or a city with none listed. Phrasings written after the
change."""

from __future__ import annotations

import pytest

from agents.kb_plan import build_plan, render
from agents.knowledge import Destination
from tests.unit.kb_plan_helpers import KB, plan_for


@pytest.mark.parametrize(
    "destination", [d for d in KB.destinations.values() if d.data.get("day_trips")], ids=str
)
def test_every_listed_day_trip_has_a_timed_kb_leg(destination: Destination) -> None:
    for other_id in destination.data["day_trips"]:
        other = KB.get(other_id)
        assert other is not None
        assert other.id != destination.id
        plan = build_plan([destination], 30, "en")
        trips = {d.destination.id: d for d in plan.stays[0].trips}
        assert other_id in trips, (destination.id, other_id)
        leg = trips[other_id].route
        assert leg is not None
        assert any(c.isdigit() for c in leg.text)


@pytest.mark.parametrize(
    ("question", "home", "trip_to"),
    [
        ("Osaka for six days — how would you lay them out?", "osaka", "kyoto"),
        ("想在苏州待五天，行程帮我排排", "suzhou", "shanghai"),
    ],
)
def test_a_spare_day_becomes_a_day_trip(question: str, home: str, trip_to: str) -> None:
    plan = plan_for(question)
    (stay,) = plan.stays
    assert stay.destination.id == home
    assert stay.trips
    trip = stay.trips[0]
    assert trip.destination.id == trip_to
    assert trip.trip
    assert trip.sights
    assert trip.day == len(stay.days) + 1
    assert len(stay.days) + len(stay.trips) + stay.spare == plan.total_days
    text = render(plan)
    assert trip.route is not None
    assert trip.route.text in text
    assert trip.destination.name(plan.lang) in text


@pytest.mark.parametrize(
    "question",
    [
        "大阪六天，带着爸妈慢慢玩，别太累",  # easy pace
        "东京和大阪一共八天怎么玩",  # two cities
        "Bangkok for a week, plan please",  # no listed neighbour
    ],
)
def test_no_day_trip_for_these_plans(question: str) -> None:
    plan = plan_for(question)
    assert all(not s.trips for s in plan.stays)


def test_a_plan_asked_without_day_trips_keeps_its_spare_days() -> None:
    """A trip's own day and the days-a-city-fills probe are built so: a trip never plans another."""
    plan = build_plan([KB.get("osaka")], 6, "en", day_trips=False)  # type: ignore[list-item]
    assert not plan.stays[0].trips
    assert plan.stays[0].spare > 0
