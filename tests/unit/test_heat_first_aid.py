"""A heat illness the nets escalate with no category gets heat stroke's first aid (somewhere
cool, cool the skin, sips of water if fully awake), or heat exhaustion's where none of
heatstroke's signs shows (heat_illness_rule_2026-12-07h.md), not the generic "give no food or
drink";
another emergency on a hot day keeps its own (heat_first_aid_rule_2026-12-04k.md). Phrasings
written for this file, after the change."""

from __future__ import annotations

import pytest

from agents.responders import escalation_categories, first_aid_categories


@pytest.mark.parametrize(
    ("turn", "expected"),
    [
        # heat exhaustion's signs, fully awake: its own first aid, fluids and when to call
        # (heat_illness_rule_2026-12-07h.md); heatstroke's (confusion) keep heat stroke's
        ("在西安逛了一下午，热死了，我爸现在头晕想吐，脸色发白", "heat_exhaustion"),
        ("heatwave in Athens, my son's been vomiting and has a splitting headache after the tour",
         "heat_exhaustion"),
        ("外面40度的高温，奶奶坐在院子里一下午，现在人有点糊涂", "heat_stroke"),
        # "so hot at" is read by `hot_to_touch` too: heat stroke's call-now stays (amendment 3)
        ("so hot at the festival, my friend is dizzy and drenched in sweat, can barely stand",
         "heat_stroke"),
    ],
)  # fmt: skip
def test_a_heat_illness_without_a_category_gets_heat_first_aid(turn: str, expected: str) -> None:
    assert escalation_categories(None, ["triage"], [turn]) == [expected]


@pytest.mark.parametrize(
    ("turn", "flags", "expected"),
    [
        # another emergency's signs on a hot day: never heat's first aid
        ("so hot today and my uncle has a crushing pain in his chest, dizzy", ["triage"], []),
        # an allergic picture keeps the generic template (its auto-injector line)
        ("天太热了，吃了虾以后嗓子发紧，头晕", ["triage"], []),
        ("very hot day, she took a whole bottle of sleeping pills, now drowsy", ["triage"],
         ["poisoning_overdose"]),
        # a collapse a rule named in the heat: cooling first, the rule's own first aid kept below
        # (net_first_aid_gaps_rule_2026-12-07d.md, point 4; before it, only the recovery position)
        ("太热了，外公突然晕倒了，叫不醒", ["altered_consciousness"],
         ["heat_stroke", "altered_consciousness"]),
        # another category a rule named keeps its own first aid, heat or not
        ("太热了，外公突然胸口剧痛", ["chest_pain"], ["chest_pain"]),
        # hot weather alone, or strain without heat, names nothing
        ("it's really hot here and he suddenly collapsed", ["triage"], ["heat_stroke"]),
        ("heavy headache and throwing up since this morning", ["triage"], []),
        ("好热啊，他突然不动了", ["triage"], []),
    ],
)  # fmt: skip
def test_heat_first_aid_only_where_heat_explains_it(
    turn: str, flags: list[str], expected: list[str]
) -> None:
    assert escalation_categories(None, flags, [turn]) == expected


def test_heat_names_a_missing_category_and_changes_nothing_else() -> None:
    """`alone: only`: a found category is never reordered or joined by heat's."""
    turn = "热得不行，他头晕得站不住，流了好多血"
    assert first_aid_categories(["heavy_bleeding"], [turn]) == ["heavy_bleeding"]
