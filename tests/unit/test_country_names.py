"""A country the KB holds one entry of is found by either of its names, zh or en
(country_names_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("things to see in the United States for a first-timer", ["new_york"]),
        ("去印度尼西亚潜水有什么要注意的", ["bali"]),
        ("what's the ambulance number in the United Arab Emirates", ["dubai"]),
        ("澳大利亚几月去最舒服", ["sydney"]),
        ("is the United Kingdom expensive for a week?", ["london"]),
        ("阿拉伯联合酋长国转机能出机场吗", ["dubai"]),
    ],
)
def test_a_country_name_in_either_language_finds_its_only_entry(
    text: str, expected: list[str]
) -> None:
    assert [d.id for d in load_kb().find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japanese ramen places in Chengdu", ["chengdu"]),  # a cuisine, not the country
        ("United Kingdom passport holders visiting Xi'an", ["xian"]),  # who travels
        ("Osaka, Japan: best street food?", ["osaka"]),  # the city named wins
        ("a week in Germany, where to start?", []),  # not in the KB
        ("中国哪里的高铁最方便", []),  # many entries: none is the country's
        ("any good street food in Japan?", []),  # several entries: left as they were
    ],
)
def test_controls_keep_what_they_find(text: str, expected: list[str]) -> None:
    assert [d.id for d in load_kb().find(text)] == expected


def test_both_names_of_every_one_entry_country_find_that_entry() -> None:
    kb = load_kb()
    counts: dict[str, int] = {}
    for d in kb.destinations.values():
        counts[d.data["country"]["en"]] = counts.get(d.data["country"]["en"], 0) + 1
    for d in kb.destinations.values():
        country = d.data["country"]
        if counts[country["en"]] == 1:
            assert [x.id for x in kb.find(f"去{country['zh']}")] == [d.id], country
            assert [x.id for x in kb.find(f"to {country['en']}")] == [d.id], country
