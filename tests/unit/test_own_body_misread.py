"""A char net's self-harm reading of the writer's own bodily emergency that the doctor's sign
rules name (a diver's numb legs, a dive that struck the bottom) is a misread: the alarm stays as
an emergency with that category's first aid, never crisis lines — unless the thread says a word
of despair or self-harm, an act or a plan (graph/triage/router.py `self_harm_misread`,
self_harm_misread.yaml `bodily_categories`;
evals/triage/results/own_body_misread_rule_2026-12-07e.md). Phrasings written after the change;
the first of them found "odd" read as "OD'd" (amendment 1)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.triage.router import OWN_BODY, self_harm_misread


@pytest.mark.parametrize(
    "text",
    [
        "came up too quickly on my last dive in Cozumel, my legs went numb and I feel odd",
        "I flipped into the plunge pool, hit the bottom and my hands are tingling, neck hurts",
        "潜完水上来太快，现在两条腿发麻，关节疼",
    ],
)
def test_a_bodily_emergency_of_ones_own_is_a_misread(text: str) -> None:
    assert self_harm_misread([HumanMessage(text)]) == OWN_BODY


@pytest.mark.parametrize(
    "text",
    [
        "I want to jump off the bridge tonight, my legs are numb from walking anyway",
        "swallowed the whole box of pills after the dive, legs numb now",
        "I feel nothing, numb all over, no point going home",
    ],
)
def test_despair_an_act_or_a_plan_keeps_the_crisis_reply(text: str) -> None:
    assert self_harm_misread([HumanMessage(text)]) is None


def test_feeling_odd_is_no_overdose() -> None:
    from agents.emergency_signs import emergency_signs

    assert "overdose_taken" not in emergency_signs().signs("the curry was odd, I feel odd now")
    assert "overdose_taken" in emergency_signs().signs("my brother od'd at the festival")
