"""One side of the face or body gone weak, numb or drooping puts a stroke's first aid (note the
time) first in an escalation named only by the confusion or the heat, unless another cause shows
its own signs (one_sided_stroke_first_aid_rule_2026-12-07d.md). Phrasings written for this file
after the change."""

from __future__ import annotations

import pytest

from agents.responders import first_aid_categories


@pytest.mark.parametrize(
    ("named", "question"),
    [
        ([], "my aunt's left arm has gone weak all of a sudden and she's a bit muddled"),
        (["altered_consciousness"], "外婆左半边脸突然麻了，说话也有点糊涂"),
        (["heat_stroke"], "hot day in Rome, dad is dazed and one side of his face is drooping"),
    ],
)
def test_one_sided_weakness_leads_with_the_stroke_first_aid(
    named: list[str], question: str
) -> None:
    found = first_aid_categories(named, [question])
    assert found[0] == "stroke"
    assert set(named) <= set(found)


@pytest.mark.parametrize(
    ("named", "question", "lead"),
    [
        (["chest_pain"], "squeezing chest pain and his left arm feels numb and weak", "chest_pain"),
        (
            ["altered_consciousness"],
            "she fell down the stairs, hit her head, now confused and her right leg is weak",
            "head_injury",
        ),
        (
            ["anaphylaxis"],
            "ate a prawn, one side of his face is swelling and his lips too",
            "anaphylaxis",
        ),
    ],
)
def test_another_cause_keeps_its_own_first_aid_first(
    named: list[str], question: str, lead: str
) -> None:
    assert first_aid_categories(named, [question])[0] == lead
