"""A fever, a spreading rash and confusion or fast breathing with no heat told calls now with the
fast-spreading-rash-with-fever card, not heatstroke's cooling; with a day in the sun or a heatwave
told, heatstroke may lead (agents/prompts/emergency_signs.yaml `fever_rash_and_a_failing_body`;
evals/medical/results/rash_fever_no_heat_rule_2026-12-07e.md). Phrasings written for this file
after the change."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from tests.unit.doctor_call import card_answer


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "our friend is burning with fever, a blotchy rash has spread over her legs and she's "
        "talking nonsense, we're in Cairo",
        # heatstroke led this one before the change
        "high fever, a rash all over his body and he's confused, we're in Doha",
        # 喊他都不怎么应 was no consciousness wording when this was written (a strict xfail);
        # barely_answers_rule_2026-12-07e.md reads it
        "儿子发烧三十九度八，身上红疹一片片冒出来，喊他都不怎么应，我们住在三亚的酒店",
    ],
)
def test_no_heat_told_is_not_heatstroke(text: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert got.cards[:1] != ("heatstroke",), got.cards


def test_a_day_in_the_sun_may_still_be_heatstroke() -> None:
    got = answer(
        "spent all day hiking in the sun at 41 degrees, now he has a fever, a red rash and "
        "he's confused"
    )
    assert got.calls_now()
    assert "heatstroke" in got.cards


@pytest.mark.parametrize(
    "text",
    [
        # a relative named between 喊 and 也 (喊奶奶她), a known gap here, is read since
        # negation_signs_rule_2026-12-07f.md (h116)
        "奶奶发着烧，喊奶奶她也不太答应，脸色也不好",
        "孩子烧得厉害，叫孩子也不怎么回应",
    ],
)
def test_barely_answering_when_called_calls_now(text: str) -> None:
    # barely_answers_rule_2026-12-07e.md: 喊/叫 + a person + 也/都 + 不(怎么) + 应/答应/回应
    assert answer(text).calls_now()
