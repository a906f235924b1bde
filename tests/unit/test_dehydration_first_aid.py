"""A call-now escalation of drying out after diarrhoea or vomiting that names no category gets
dehydration's first aid — small sips of oral rehydration solution if fully awake, nothing by
mouth only when drowsy or unable to keep anything down — not the generic "give no food or drink"
(emergency_categories.yaml `dehydration`;
evals/triage/results/dehydration_template_rule_2026-12-07f.md).
Blood brought up (threw up, puked, 吐出了血) is a gut bleed: drying out's call-now, never its
"today" (emergency_signs.yaml `stool_blood`, amendment 1). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import category_escalation, escalation_categories

DRYING_OUT = [
    "my mum is 76, diarrhoea since Friday, hasn't peed for 10 hours and feels light-headed",
    "vomiting and the runs since the boat trip, I'm so dizzy and my mouth is parched",
    "外婆上吐下泻一天了，口很干，头昏",
    "the runs since the night bus, feeling really weak and dizzy, no pee for 9 hours",
]
OTHER_EMERGENCY = [
    # a gut bleed keeps the generic line; heat has heat stroke's entries; a rule's category stays
    ("threw up blood twice this evening and I feel faint", None, []),
    ("my son's been puking blood since lunch and is dizzy", None, []),
    # a fever or a rash beside it: an infection's picture first (toxic shock, sepsis)
    ("diarrhoea and vomiting with a fever of 38.9, dizzy when I stand", None, []),
    ("tampon in, vomiting, a red rash everywhere and I feel faint", None, []),
    ("孩子他爸吐出了一些血，还拉肚子，头晕", None, []),
    ("在三十八度的太阳下走了一天，拉肚子还头晕，身上烫得厉害", None, []),
    (
        "diarrhoea all day and now he's dizzy and won't wake up properly",
        "altered_consciousness",
        ["altered_consciousness"],
    ),
]


@pytest.mark.parametrize("text", DRYING_OUT)
def test_drying_out_gets_sips_not_nothing_by_mouth(text: str) -> None:
    assert escalation_categories(None, [], [text]) == ["dehydration"]
    advice = category_escalation(["dehydration"]).advice[0]
    assert "sips" in advice["en"]
    assert "oral rehydration" in advice["en"]
    assert "no food or drink" not in advice["en"]
    assert "补液盐" in advice["zh"]


@pytest.mark.parametrize(("text", "named", "expected"), OTHER_EMERGENCY)
def test_another_emergency_keeps_its_own_first_aid(
    text: str, named: str | None, expected: list[str]
) -> None:
    assert "dehydration" not in escalation_categories(named, [], [text])
    assert escalation_categories(named, [], [text])[: len(expected)] == expected


@pytest.mark.parametrize(
    "text",
    ["she threw up a little blood on the coach and feels light-headed", "他吐了点血，现在头晕"],
)
def test_blood_brought_up_calls_now_not_fluids_today(text: str) -> None:
    signs = emergency_signs()
    assert signs.drying_out(signs.signs(text)) == "call_now"
