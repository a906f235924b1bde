"""A day named in the plan ask itself is said as placed ("as you asked"), not as a change to a
plan the traveller never saw; a revision of an earlier plan keeps its words
(day_wish_first_ask_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

from agents.kb_led import kb_led_answer


def head(*turns: str) -> str:
    answer = kb_led_answer("itinerary", list(turns), True)
    assert answer is not None
    return answer.text.split("\n", 1)[0]


def test_a_day_in_the_first_ask_is_placed_as_asked() -> None:
    assert head("广州玩两天，第二天想去长隆").startswith("第2天按你说的安排了")
    assert head("Three days in Seoul, and day 3 should be Gyeongbokgung").startswith(
        "Day 3 has Gyeongbokgung"
    )


def test_a_revision_after_a_plan_keeps_its_words() -> None:
    text = head("首尔三天行程", "第三天换成景福宫")
    assert "按你说的" not in text
    assert text.startswith(("第3天已经安排了", "按你的要求，第3天换成了"))
