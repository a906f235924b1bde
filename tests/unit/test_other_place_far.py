"""A sight of another KB city asked into a plan: a day trip is suggested only to a city the
plan's entry lists in `day_trips` (other_place_far_rule_2026-12-06g.md); otherwise the plan stays
and no day trip is claimed either way. Phrasings written after the change."""

from __future__ import annotations

from agents.day_revision import revision_answer
from agents.kb_plan import plan_texts


def _answer(earlier: str, turn: str) -> str:
    answer = revision_answer(turn, [earlier, turn])
    assert answer is not None
    return str(answer.text)


def test_a_far_city_gets_no_day_trip() -> None:
    text = _answer("上海玩四天，帮我排一下", "第三天我想去看兵马俑")
    assert "一日游，并留出路上的时间" not in text
    assert "知识库也没有把西安列为从上海出发的一日游" in text


def test_a_listed_neighbour_keeps_the_day_trip() -> None:
    text = _answer("Plan 4 days in Osaka for me", "can day 4 be Fushimi Inari instead?")
    head = plan_texts()["en"]["other_place"].split("{getting_there}")[0]
    assert "make that day a day trip from Osaka to Kyoto" in text
    assert head.split("{")[0] in text
