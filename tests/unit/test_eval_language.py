"""evals/language.py without a server: the question sample and the scoring."""

from __future__ import annotations

from collections import Counter

from evals.language import VARIANTS, summarise, system_prompt, travel_questions


def test_the_sample_has_both_languages_and_only_travel_experts() -> None:
    rows = travel_questions(24)
    assert Counter(r["lang"] for r in rows) == {"en": 24, "zh": 24}
    assert {r["domain"] for r in rows} == {"travel"}


def test_only_the_second_variant_carries_the_reminder() -> None:
    row = next(r for r in travel_questions(24) if r["lang"] == "en")
    plain, reminded = (system_prompt(row, v) for v in VARIANTS)
    assert reminded == f"{plain}\n\nAnswer in English."


def test_summary_counts_matches_per_variant_and_language() -> None:
    answers = [
        {"variant": VARIANTS[0], "lang": "en", "matches": False},
        {"variant": VARIANTS[0], "lang": "en", "matches": True},
        {"variant": VARIANTS[0], "lang": "zh", "matches": True},
        {"variant": VARIANTS[1], "lang": "en", "matches": True},
    ]
    assert summarise(answers) == {
        VARIANTS[0]: {"en": "1/2", "zh": "1/1"},
        VARIANTS[1]: {"en": "1/1"},
    }
