"""The guard stops a sentence that says rabies care is not needed or too late, whatever its
negation, and leaves the sources' own rabies lines alone
(rabies_dismissed_guard_rule_2026-12-06e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.guard.checker import GuardContext, check_sentence

TAG = "rabies_care_dismissed"


def tags(sentence: str, lang: str = "en", travel: bool = False) -> list[str]:
    context = GuardContext(lang=lang, travel_answer=travel)  # type: ignore[arg-type]
    return [f.tag for f in check_sentence(sentence, context)]


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("You won't need rabies treatment for a scratch from a pet-shop kitten.", "en"),
        ("Honestly it's too late to start rabies shots after five days.", "en"),
        ("Rabies injections are not needed if the dog looked healthy.", "en"),
        ("被狗舔了一下伤口而已，无需打狂犬疫苗。", "zh"),
        ("都过去四天了，狂犬疫苗现在打也没用。", "zh"),
    ],
)
def test_dismissing_rabies_care_is_stopped(sentence: str, lang: str) -> None:
    assert TAG in tags(sentence, lang)
    assert TAG in tags(sentence, lang, travel=True)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Even a week later it's not too late to get rabies shots, so go today.", "en"),
        (
            "People who had pre-exposure jabs don't need rabies immunoglobulin after a bite.",
            "en",
        ),
        ("You don't need to book the rabies clinic in advance; walk in today.", "en"),
        ("就算过了几天，狂犬疫苗现在去打也还来得及。", "zh"),
    ],
)
def test_the_sources_own_rabies_lines_pass(sentence: str, lang: str) -> None:
    assert TAG not in tags(sentence, lang)
