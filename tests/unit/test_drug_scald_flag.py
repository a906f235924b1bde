"""The safety layer reads skin told as scalded or burnt, or coming off in pieces, after a medicine
(SJS/TEN's picture) as `severe_drug_reaction`, as the doctor's own signs do; a burn told as what
happened, or a likeness of heat or pain, is no drug reaction (drug_scald_flag_rule_2026-12-06h.md).
Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from graph.safety import check_turn


def _flags(text: str) -> tuple[str, ...]:
    return check_turn(text).flags


@pytest.mark.parametrize(
    "text",
    [
        "换了新的抗生素第三天，腿上的皮像被烫伤过一样一块一块往下掉",
        "吃了医生开的药，背上的皮肤像是被火烧过一样，一大片一大片地剥落",
        "a week into carbamazepine and her legs look like they've been burned, skin coming away"
        " in strips",
        "on new pills for gout, his chest looks like someone splashed hot water over it",
    ],
)
def test_skin_like_a_scald_after_a_medicine_is_a_severe_drug_reaction(text: str) -> None:
    assert "severe_drug_reaction" in _flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "煮饺子的时候被开水烫了，手上起了水泡，吃了片止痛药",
        "手指被热油烫到了，结的痂一片片地掉，这两天在吃消炎药",
        "皮肤像被烫了一样火辣辣的，刚吃了过敏药",
        "burned my hand on the stove, since then I'm on painkiller tablets and the skin is lifting"
        " away",
    ],
)
def test_a_burn_told_or_a_likeness_of_heat_is_no_drug_reaction(text: str) -> None:
    assert "severe_drug_reaction" not in _flags(text)


@pytest.mark.parametrize(
    "text",
    [
        "scalded my foot with the kettle last week, the blister has popped and it's peeling, I'm on"
        " antibiotics",
        "昨天被蒸汽烫伤了手腕，今天起了水疱，正在吃消炎药",
    ],
)
def test_a_burn_told_with_a_medicine_is_no_drug_reaction_in_the_blister_pattern(text: str) -> None:
    # drug_scald_none_rule_2026-12-06h.md: the first pattern (any blister or peel word with any
    # medicine word) gets the same `none` as the likeness pattern
    assert "severe_drug_reaction" not in _flags(text)


def test_blisters_and_peeling_after_a_new_antibiotic_stay_a_drug_reaction() -> None:
    assert "severe_drug_reaction" in _flags("the new antibiotics made my skin blister and peel")
