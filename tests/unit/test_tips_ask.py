"""A turn that asks what to watch out for, and for no plan, places or food, gets the KB's tips
from the itinerary expert, not a sights list (tips_ask_rule_2026-12-06.md). Phrasings written
after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def itinerary(text: str) -> tuple[str | None, str]:
    got = kb_led_answer("itinerary", [text], plans_from_kb=True)
    assert got is not None
    return got.kind, got.text


@pytest.mark.parametrize(
    "text",
    ["去三亚玩有什么要注意的地方吗", "any local customs I should be careful about in Bangkok?"],
)
def test_a_tips_ask_gets_the_kb_tips(text: str) -> None:
    kind, body = itinerary(text)
    assert kind == "facts"
    assert "贴士" in body or "Tips" in body


def test_places_or_a_plan_asked_beside_the_tips_keep_their_answer() -> None:
    assert itinerary("去三亚有哪些必去的景点，要注意什么")[0] == "sights_list"
    assert itinerary("Bangkok for 2 days, what's the plan and any tips?")[0] == "day_plan"
