"""A burn told in everyday words is a burn (被…烧到, 烧到 + a hand or foot, a sparkler, a splash;
"I burnt my palm"), and a large one (一大块) reaches the large-burn rule; a burn the rules judge
minor leads with the minor-burn card and the severe card close behind it steps aside, while
another emergency stays (burn_told_rule_2026-12-06f.md). Phrasings written after the change,
not the fresh files'."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from tests.unit.doctor_call import card_answer


def _answer(text: str):  # type: ignore[no-untyped-def]
    return card_answer(text)


@pytest.mark.parametrize(
    ("text", "burn"),
    [
        ("烤红薯的时候被炉子里的炭烧到手掌", True),
        ("不小心烧到脚了，挺疼的", True),
        ("粥泼到孩子手背上了", True),
        ("he burnt his palm grabbing the pan handle", True),
        ("this toner burns my cheeks every morning", False),
        ("从早上烧到晚上，身上起了疹子", False),
        ("被传染了，烧到三十九度", False),
    ],
)
def test_a_burn_told_in_everyday_words(text: str, burn: bool) -> None:
    assert emergency_signs().shows_burn(text) is burn


def test_a_large_patch_is_large_but_skin_coming_off_in_pieces_is_not() -> None:
    assert "burn_large" in emergency_signs().signs("胳膊被炉火烧到一大块")
    assert "burn_large" not in emergency_signs().signs("背上的皮一大块一大块地掉")


@pytest.mark.parametrize(
    ("text", "kind", "lead"),
    [
        # 被…烧到 without 了, and a large patch: the large-burn rule calls now
        ("过年放鞭炮，大腿被烧到一大块，火辣辣的", "emergency_card", "severe_burn"),
        # a burn said without a skin word is a skin question
        ("刚才不小心烧到手了", "card", "minor_burn_scald"),
        # a minor burn that retrieval leads with, the severe card close behind it: it steps aside
        (
            "the child grabbed a lit sparkler and got burned fingers, red",
            "card",
            "minor_burn_scald",
        ),
    ],
)
def test_a_burn_gets_the_burn_card_its_size_calls_for(text: str, kind: str, lead: str) -> None:
    answer = _answer(text)
    assert (answer.kind, answer.cards[:1]) == (kind, (lead,))


def test_another_emergency_stays_behind_a_minor_burn() -> None:
    # the repo text the sweep caught (a regression guard, not a fresh phrasing): skin coming off
    # "as if scalded" on an antibiotic keeps SJS/TEN among the cards behind the minor burn
    answer = _answer("皮肤像被烫了一样一大块一大块往下掉 我最近在吃抗生素")
    assert "sjs_ten" in answer.cards
