"""An escalated turn gets the first aid of ITS emergency when two categories' signs show: a
stroke's one side or slurred speech over a general confusion, altitude over confusion, an
infection's picture (a fever or a bulging soft spot) over a floppy or confused reading, a snake
bite over the bleeding it explains (first_aid_category_rule_2026-12-07h.md). The pairs the lead
found in reads, and phrasings written after the change; the new sign groups are read by
`explains` alone, so no escalation can move."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories, first_aid_categories

ROOT = Path(__file__).resolve().parents[2]
NEW_GROUPS = ("one_sided_told", "speech_slurred", "altitude_told", "fontanelle", "snake_told")
# Read by the doctor's call-now rules too since call_now_rule_2026-12-07i.md (h132): a bulging soft
# spot and a snake bite are NHS 999 signs on their own (rules bulging_fontanelle, snake_bite_999),
# and a travel-led turn telling them asks the doctor (self_harm_misread.yaml `call_now_told`).
CALL_NOW_READ = ("fontanelle", "snake_told")


@pytest.mark.parametrize(
    ("turn", "flags", "lead"),
    [
        # the lead's reads (2026-12-07)
        (
            "my dad went quiet, his face is floppy on the left and his words come out like mush",
            [],
            "stroke",
        ),
        ("上雪山后老公开始胡言乱语", ["altered_consciousness"], "severe_altitude"),
        (
            "my baby is floppy and feverish and the soft spot on her head is bulging",
            [],
            "sepsis_meningitis",
        ),
        ("a snake got my brother by the river and now his gums keep bleeding", [], "snake_bite"),
        # written after the change
        (
            "my aunt is muddled and the right side of her mouth is hanging down",
            ["altered_consciousness"],
            "stroke",
        ),
        ("grandad's speech is all slurry since lunch and he seems confused", [], "stroke"),
        ("在Cusco第二天我爸开始说胡话，走路不稳", ["altered_consciousness"], "severe_altitude"),
        (
            "we're high on the trek and she's confused and breathless just sitting",
            [],
            "severe_altitude",
        ),
        ("宝宝发高烧，囟门鼓鼓的，一直哭", [], "sepsis_meningitis"),
        # NHS "Meningitis": a bulging soft spot in a floppy baby, no fever told
        ("our 5-month-old is really floppy and his soft spot is bulging", [], "sepsis_meningitis"),
        (
            "my flatmate has a fever and a stiff neck and is getting confused",
            ["altered_consciousness"],
            "sepsis_meningitis",
        ),
        ("朋友被蛇咬了手，现在鼻子一直流血", ["heavy_bleeding"], "snake_bite"),
    ],
)
def test_the_emergency_that_explains_the_others_leads(
    turn: str, flags: list[str], lead: str
) -> None:
    assert escalation_categories(None, flags, [turn])[0] == lead


def test_the_general_first_aid_stays_below_the_lead() -> None:
    found = escalation_categories(None, ["altered_consciousness"], ["上雪山后老公开始胡言乱语"])
    assert found == ["severe_altitude", "altered_consciousness"]


@pytest.mark.parametrize(
    "turn",
    [
        # heat told: heat stroke's entries answer, not an infection's
        "after a whole day hiking in the sun he has a high fever and is confused",
        # a knock to the head: the head injury's first aid
        "she fell down the stairs, hit her head, has a fever and is drowsy",
    ],
)
def test_an_infection_never_leads_where_another_cause_shows(turn: str) -> None:
    assert first_aid_categories(["altered_consciousness"], [turn])[0] != "sepsis_meningitis"


def test_a_chest_pain_at_altitude_is_not_named_altitude_on_a_net_escalation() -> None:
    turn = "in Lhasa my dad has a crushing chest pain and feels confused"
    assert first_aid_categories([], [turn]) != ["severe_altitude"]


@pytest.mark.parametrize(
    "turn",
    [
        "my face was floppy with laughter at the show",
        "we're planning a trek, what about altitude sickness",  # no sign beside it: no entry
        "my baby had a slight temperature after her jabs but is feeding well",
    ],
)
def test_no_category_is_named_without_the_picture(turn: str) -> None:
    assert first_aid_categories([], [turn]) == []


@pytest.mark.parametrize(
    ("turn", "group"),
    [
        ("his face is floppy on the left", "one_sided_told"),
        ("the left side of her face looks dead", "one_sided_told"),
        ("右边的嘴角往下塌", "one_sided_told"),
        ("his words come out like mush", "speech_slurred"),
        ("上雪山以后头很疼", "altitude_told"),
        ("在Cusco第二天", "altitude_told"),
        ("we were above 4,200 m", "altitude_told"),
        ("the soft spot on his head is bulging", "fontanelle"),
        ("囟门鼓起来了", "fontanelle"),
        ("a cobra caught him on the hand", "snake_told"),
    ],
)
def test_the_told_signs_are_read(turn: str, group: str) -> None:
    assert group in emergency_signs().thread_signs([turn])


@pytest.mark.parametrize(
    ("turn", "group"),
    [
        ("I left my face cream at the hotel", "one_sided_told"),
        ("the arm of the chair on the left is loose", "one_sided_told"),
        ("we stayed at 300 m by the lake", "altitude_told"),
        ("she has a soft spot for street food", "fontanelle"),
        ("we saw a snake at the zoo", "snake_told"),
    ],
)
def test_look_alikes_are_no_sign(turn: str, group: str) -> None:
    assert group not in emergency_signs().thread_signs([turn])


def test_the_new_groups_are_read_by_explains_alone() -> None:
    """Why: only which first aid an escalated turn gets may change — never whether it escalates
    (a doctor's sign rule, a systemic red flag or the urgent-care tier reading these groups)."""
    readers = [
        *ROOT.joinpath("agents").rglob("*.py"),
        *ROOT.joinpath("graph").rglob("*.py"),
        *ROOT.joinpath("graph").rglob("*.yaml"),
        *ROOT.joinpath("agents").rglob("*.yaml"),
    ]
    allowed = {
        ROOT / "agents" / "prompts" / "emergency_signs.yaml",  # where they are defined
        ROOT / "agents" / "prompts" / "emergency_categories.yaml",  # `explains`
    }
    signs = (ROOT / "agents" / "prompts" / "emergency_signs.yaml").read_text("utf-8")
    rules = signs[signs.index("\ndrying_out:\n") :]  # everything after `groups`
    call_now = {ROOT / "graph" / "triage" / "self_harm_misread.yaml"}
    for group in NEW_GROUPS:
        assert group in CALL_NOW_READ or group not in rules, group
        for path in readers:
            if path not in allowed and not (group in CALL_NOW_READ and path in call_now):
                assert group not in path.read_text("utf-8"), (group, path)
    categories = (ROOT / "agents" / "prompts" / "emergency_categories.yaml").read_text("utf-8")
    cards = categories[categories.index("\ncategories:\n") :]
    for group in NEW_GROUPS:
        assert group not in cards, group
