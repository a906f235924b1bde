"""A country asked about gets what its KB cities hold on the topic, each under its city, never as
the country's (country_city_lines_rule_2026-12-05.md; served read 22, f7). Phrasings written
after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import kb_facts_answer


@pytest.mark.parametrize(
    "question",
    ["Is it normal to leave a tip at restaurants in Japan?", "do waiters in japan expect tips?"],
)
def test_a_city_line_on_the_topic_is_given_under_its_city(question: str) -> None:
    answer = kb_facts_answer(question, [question], "practicalities")
    assert answer.kind == "country"
    assert "**Tips (Tokyo)**: There is no tipping" in answer.text
    assert "tell me which city" not in answer.text


def test_a_topic_no_city_holds_keeps_its_no_facts_line() -> None:
    # (a visa is no longer such a topic: Tokyo's getting-there line holds Japan's visa note,
    # visa_notes_rule_2026-12-06h.md)
    question = "Do I need travel insurance to visit Japan as a tourist?"
    answer = kb_facts_answer(question, [question], "practicalities")
    assert answer.kind == "country"
    assert "(Tokyo)" not in answer.text
    assert "insurance" in answer.text.lower()


@pytest.mark.parametrize(
    ("question", "tipping"),
    [
        ("do hotel porters in Japan expect a tip", True),
        ("Should I leave a tip for the tour guide in Kyoto?", True),
        ("any tips for eating out in Osaka?", False),
        ("tips for visiting Japan in winter", False),
    ],
)
def test_a_tip_left_or_expected_is_tipping_and_tips_for_are_advice(
    question: str, tipping: bool
) -> None:
    from agents.kb_answer import asked_gaps

    assert any(g.get("field") == "tips" for g in asked_gaps(question)) is tipping
