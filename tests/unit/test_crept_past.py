"""Redness said to have crept, or gone past a landmark or the pen line
(agents/prompts/emergency_signs.yaml `spreading_redness`;
evals/medical/results/crept_past_rule_2026-12-07d.md). Phrasings written after the change, none
from its fresh file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "the redness around his blister crept further up his leg while we slept",
        "the red area has spread beyond the outline I drew this morning",
        "her red swelling on the forearm has climbed past her elbow since lunch",
        "the red skin round the tattoo has got past the pen mark we made",
    ],
)
def test_redness_that_crept_or_passed_a_landmark_is_spreading(text: str) -> None:
    assert "spreading_redness" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "the rash crept over her tummy and back during the night",
        "the bruise crept down past his ankle after the fall",
        "mosquito bites crept up past her knee, dozens of them",
        "the swelling went past his ankle after he rolled it",
    ],
)
def test_a_rash_a_bruise_or_a_swelling_alone_is_no_spreading_redness(text: str) -> None:
    assert "spreading_redness" not in emergency_signs().signs(text)
