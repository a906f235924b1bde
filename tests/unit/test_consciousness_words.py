"""Confusion told in a few more everyday forms is a changed consciousness; being confused about a
question is not (agents/prompts/emergency_signs.yaml `consciousness`, agents/knowledge/negation.yaml
`pseudo`; evals/medical/results/consciousness_words_rule_2026-12-07c.md). Phrasings written after
the change, none from its fresh file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "since the long bus ride mum doesn't recognise any of them",
        "he doesn't seem to know where he is this evening",
        "Grandad has gone confused since the flight",
        "奶奶发烧两天了，今天连我爸都认不出来",
    ],
)
def test_confusion_told_these_ways_is_a_sign(text: str) -> None:
    assert "consciousness" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "my wife is confused about which metro card to buy in Seoul",
        "he's confused by the tipping rules in New York",
        "我都认不出来这是哪种过敏，脸上一片红",
        "we didn't recognise any of the dishes on the menu in Tbilisi",
    ],
)
def test_confusion_about_a_question_is_not(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)
