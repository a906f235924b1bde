"""A route between two KB destinations shows the end whose getting-there names the other, not
the other end's airports and far cities (route_other_end_rule_2026-12-06.md: "Kyoto to Osaka"
showed Osaka's KIX and Tokyo lines). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import kb_facts_answer


@pytest.mark.parametrize(
    ("question", "route", "noise"),
    [
        ("heading back from Chiang Mai to Bangkok tomorrow, quickest way?", "night train", "BKK"),
        ("从大理回昆明，动车要多久", "动车约2小时", "长水"),
        ("going from Kyoto back to Tokyo, how long is the train?", "2h15", "Narita"),
        ("张家界到长沙坐高铁要多久", "长沙约3-3.5小时", "黄花"),
    ],
)
def test_the_route_line_without_the_other_ends_airports(
    question: str, route: str, noise: str
) -> None:
    answer = kb_facts_answer(question, [question], "transport")
    assert answer is not None
    assert route in answer.text
    assert noise not in answer.text


def test_both_ends_stay_when_neither_names_the_other() -> None:
    answer = kb_facts_answer("Bangkok to Tokyo, how do I get there?", [], "transport")
    assert answer is not None
    assert "Getting there (Bangkok)" in answer.text or "Getting there (Tokyo)" in answer.text
