"""An airport named by a destination's own getting-there line finds its city ("从白云机场去市区",
"just landed at Haneda"): travellers name the airport more often than the city when asking how to
get in (airport_names_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("从白云机场去市区坐地铁要多久", "guangzhou"),
        ("just landed at Haneda, what now?", "tokyo"),
        ("樟宜机场附近有酒店吗", "singapore"),
        ("is the Fiumicino train worth it?", "rome"),
    ],
)
def test_an_airport_finds_its_city(text: str, city: str) -> None:
    assert [d.id for d in load_kb().find(text)] == [city]


@pytest.mark.parametrize(
    ("text", "found"),
    [("凤凰古城晚上好玩吗", ["zhangjiajie"]), ("天河区的商场", []), ("太平洋的海岛", [])],
)
def test_short_names_stay_what_they_were(text: str, found: list[str]) -> None:
    assert [d.id for d in load_kb().find(text)] == found
