"""Two travel look-alikes (helper h100, 2026-12-06j): "dark" as the time of day is no wound's
look, so "safe after dark?" names no health complaint (after_dark_rule_2026-12-06j.md); a city
whose KB name is a compound ("桂林/阳朔") is dropped by either of its names
(dropped_compound_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb
from agents.quiet_expert import names_health_complaint


@pytest.mark.parametrize(
    "text",
    [
        "Are the backstreets of Marrakech OK to walk after dark?",
        "we'll be coming down the trail in the dark, any tips for Zhangjiajie?",
        "is Bangla Road still busy when it's dark?",
        "what time does it get dark in Reykjavik in March, and is it safe to drive until dark?",
    ],
)
def test_the_time_of_day_is_no_complaint(text: str) -> None:
    assert not names_health_complaint(text)


@pytest.mark.parametrize(
    "text",
    [
        "the blister on my toe turned dark and smells, we're in Chiang Mai",
        "there's a dark patch on his calf where the leech was",
    ],
)
def test_a_dark_wound_is_still_a_complaint(text: str) -> None:
    assert names_health_complaint(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("桂林就不去了，改去成都玩三天", ["chengdu"]),
        ("Guilin is off, we're heading to Hong Kong instead", ["hongkong"]),
        # the other name of the same KB entry keeps it
        ("we've cut out Yangshuo, staying in Guilin city for two days", ["guilin"]),
    ],
)
def test_a_compound_named_city_is_dropped_by_either_name(text: str, kept: list[str]) -> None:
    kb = load_kb()
    assert kb.dropped(text) == {"guilin"}
    assert [d.id for d in kb.find(text)] == kept


def test_a_compound_named_city_dropped_is_not_taken_from_earlier_turns() -> None:
    thread = ["桂林和成都一共玩6天", "桂林不去了，多留点时间给成都"]
    assert [d.id for d in load_kb().find_in_thread(thread)] == ["chengdu"]
