"""A country's name said as the traveller's nationality ("USA citizens", "泰国籍", "作为英国人") is
not a destination; a city before 护照 or 人, or a country's people as a topic, still is
(nationality_rule_2026-12-05d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb


def found(text: str) -> list[str]:
    return [d.id for d in load_kb().find(text)]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("USA citizens flying into Tokyo next month, any tips?", ["tokyo"]),
        ("我是泰国籍，想去上海玩几天", ["shanghai"]),
        ("作为英国人，去成都要注意什么", ["chengdu"]),
        ("韩国人到西安旅游多吗", ["xian"]),
    ],
)
def test_a_nationality_is_not_a_destination(text: str, ids: list[str]) -> None:
    assert found(text) == ids


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("在曼谷护照被偷了", ["bangkok"]),
        ("韩国人吃饭有什么讲究", ["seoul"]),
        ("上海人多吗，国庆去挤不挤", ["shanghai"]),
        ("thinking of a UK road trip in May", ["london"]),
    ],
)
def test_a_city_or_a_country_as_the_topic_stays(text: str, ids: list[str]) -> None:
    assert found(text) == ids
