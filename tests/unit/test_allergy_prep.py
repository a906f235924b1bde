"""A known allergy with nothing happening now, asked how to travel or eat safely, gets the
allergy-preparation answer; anything happening now is read as before
(allergy_prep_rule_2026-12-04g.md). Phrasings written for this file."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone

answer = asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "my daughter is allergic to eggs, how do we eat safely in Italy?",
        "我儿子对坚果过敏，去日本吃饭要注意什么",
        "allergic to sulfa drugs, what should I bring on a trip to Peru?",
    ],
)
def test_preparing_with_a_known_allergy_gets_the_preparation_answer(question: str) -> None:
    got = answer(question)
    assert got.kind == "allergy_prep"
    assert "auto-injector" in str(got.text) or "肾上腺素" in str(got.text)
    assert not got.calls_now()


@pytest.mark.parametrize(
    "question",
    [
        "I'm allergic to prawns and my tongue feels swollen after lunch, what should I do?",
        "对花生过敏，刚才吃了一口，现在喉咙发紧",
    ],
)
def test_an_allergy_happening_now_is_no_preparation_question(question: str) -> None:
    # (the graph's red-flag rules escalate both before the doctor; here: not the preparation)
    assert answer(question).kind != "allergy_prep"
