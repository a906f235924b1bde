"""A fever in a dengue area: the age note beside "paracetamol only, no ibuprofen" no longer says
"ibuprofen from 3 months", and keeps paracetamol's own limit (dengue_age_rule_2026-12-06e.md).
Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import re

import pytest

from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer

IBUPROFEN = re.compile(r"ibuprofen|布洛芬", re.IGNORECASE)
NOTE_HEAD = ("**For the fever", "**发烧先用")


def _lines_offering_ibuprofen(*turns: str) -> list[str]:
    text = card_answer(*turns).text or ""
    assert any(head in text for head in NOTE_HEAD)
    return [ln for ln in text.splitlines() if IBUPROFEN.search(ln) and not ln.startswith(NOTE_HEAD)]


@pytest.mark.parametrize(
    "turns",
    [
        (
            "holidaying in Penang, our 2 year old is febrile with ulcers on her tongue "
            "and spots on her soles",
        ),
        ("我们在普吉岛", "4岁女儿发烧，手心脚心起了小水疱，嘴里也疼"),
        ("in Chiang Mai, my 7 year old son has a fever and a bright red rash on both cheeks",),
    ],
)
def test_no_line_but_the_note_names_ibuprofen(turns: tuple[str, ...]) -> None:
    assert _lines_offering_ibuprofen(*turns) == []


def test_the_age_note_keeps_paracetamols_limit_and_drops_a_clause_left_without_one() -> None:
    note = load_conditions().get("dengue_rash").until_ruled_out
    assert note is not None
    assert note.area is not None
    said = note.area.age_without(
        "Paracetamol from 2 months, ibuprofen from 6 months; no aspirin.", "en"
    )
    assert said == "Paracetamol from 2 months; no aspirin."
    assert (
        note.area.age_without("布洛芬6个月以上，按说明书；不用阿司匹林。", "zh") == "不用阿司匹林。"
    )
    assert note.area.age_without("No aspirin under 16.", "en") == "No aspirin under 16."
