"""A clause break whose lookahead needs the hazard word itself ("…, squeeze it") still breaks."""

from __future__ import annotations

import pytest

from agents.guard import GuardContext, check_sentence


@pytest.mark.parametrize(
    ("sentence", "tag"),
    [
        ("Don't wait, squeeze the pimple.", "cut_or_squeeze"),
        ("Don't use soap, scratch it gently.", "scratch"),
        ("Don't use soap, apply clotrimazole.", "antifungal"),
    ],
)
def test_a_negation_before_a_comma_does_not_reach_an_opener_that_is_the_hazard(
    sentence: str, tag: str
) -> None:
    context = GuardContext("en", frozenset({"scratch", "antifungal"}))
    assert tag in {f.tag for f in check_sentence(sentence, context)}


def test_the_negated_list_stays_negated() -> None:
    context = GuardContext("en", frozenset({"scratch"}))
    assert check_sentence("Don't squeeze, pick or scratch the spots.", context) == []
