"""A city the traveller drops from the trip is no longer read as where they go, in the turn or
from earlier turns; a sight dropped, a thing of the city, or a city shortened is not a city
dropped (dropped_city_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb

# 桂林 drops the "桂林/阳朔" entry (dropped_compound_rule_2026-12-06j.md), but 阳朔 in the same
# turn names that same entry again, so it is still found (the KB holds the two as one entry)
ALIAS_ONLY = pytest.mark.xfail(reason="阳朔 names the same KB entry", strict=True)
DROPS = [
    ("西安就不去了，改去洛阳", "xian"),
    pytest.param("不去桂林了，阳朔待四天", "guilin", marks=ALIAS_ONLY),
    ("we're skipping Kyoto this time, Osaka for four days", "kyoto"),
    ("ditched Hanoi, flying straight to Da Nang", "hanoi"),
]
KEPT = (
    "第三天去掉西安城墙，换成大雁塔",
    "skip Kyoto's crowded bamboo grove in the morning",
    "cut Osaka down to one night",
    "去不去桂林还没想好",
)


@pytest.mark.parametrize(("text", "city"), [*DROPS, *((text, None) for text in KEPT)])
def test_what_a_turn_drops(text: str, city: str | None) -> None:
    """A dropped city is no mention; a sight, a thing of the city or a shorter stay drops none."""
    kb = load_kb()
    assert kb.dropped(text) == ({city} if city else set())
    if city:
        assert city not in {d.id for d in kb.find(text)}


def test_a_dropped_city_is_not_taken_from_earlier_turns() -> None:
    kb = load_kb()
    thread = ["plan 6 days in Kyoto and Osaka", "we're skipping Kyoto this time"]
    assert [d.id for d in kb.find_in_thread(thread)] == ["osaka"]
    # named again later, it is back
    again = [*thread, "actually let's keep Kyoto, 2 days there"]
    assert "kyoto" in {d.id for d in kb.find_in_thread(again)}
