"""Words of colour that are not the skin's, and frostnip told in lay words: a stomach bug is no
insect's, 发黑 told of a stool or of the vision (眼前发黑) is no skin going black, so dark pee, a
black stool or a blackout on standing after a gut upset gets no skin card; loose stools, 吃坏肚子
and the like are the gut's loss, so a black stool with dizziness after them gets the drying-out
call-now lines (which name a black stool); fingers, toes, ears or a nose gone white or waxy are a
skin finding, so retrieval's frostbite card answers (agents/prompts/medical_question_kinds.yaml
`inner_not_skin`, `skin_told`; agents/prompts/emergency_signs.yaml `gut`;
evals/medical/results/retrieval_misreads_rule_2026-12-07c.md). Phrasings written after the
change."""

from __future__ import annotations

import pytest

from agents.card_answer import BITE_CARDS, CardAnswer
from tests.unit.doctor_call import card_answer


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "came down with a gastric bug in Phuket, my pee has gone really dark and I feel faint",
        "胃肠炎两天了，蹲完厕所起来眼前一阵发黑，小便也很深",
    ],
)
def test_dark_pee_or_a_blackout_after_a_gut_upset_gets_no_skin_card(text: str) -> None:
    got = answer(text)
    # the non-skin answer (its drying-out or diarrhoea lines, or whom to ask), not the skin
    # path's "I can't tell which skin problem" nor a skin card
    assert got.kind in ("non_skin", "systemic_emergency"), (got.kind, got.cards)
    assert not got.cards


@pytest.mark.parametrize(
    "text",
    [
        "吃坏了肚子，这两天大便一直发黑，站着就头晕",
        "loose bowels since the boat trip, the stool has turned black and I'm dizzy",
        # "…颜色很黑" is neither 黑色 nor 发黑 (amendment 1)
        "拉稀两天了，拉出来的颜色很黑，起身就头晕",
    ],
)
def test_a_black_stool_with_dizziness_after_a_gut_upset_calls_now(text: str) -> None:
    got = answer(text)
    assert got.kind == "systemic_emergency", (got.kind, got.cards)
    assert got.calls_now()
    assert not got.cards


FROSTNIP_TOLD = (
    "hiking on Iceland's glacier in the wind, the tip of my nose has gone white and numb",
    "在雪乡拍了一早上照片，两个手指头白白的，一点感觉都没有",
)


@pytest.mark.parametrize("text", FROSTNIP_TOLD)
def test_fingers_or_a_nose_gone_white_in_the_cold_find_the_frostbite_card(text: str) -> None:
    got = answer(text)
    assert got.cards[:1] == ("frostbite",), (got.kind, got.cards)


@pytest.mark.parametrize(
    ("text", "kind", "card"),
    [
        ("my fingertips go numb when I hold my phone for ages", "non_skin", None),
        ("a mole on my shoulder turned darker and bigger since summer", "card", "moles_melanoma"),
        ("twisted my ankle on the ice and my toes look pale and numb", "non_skin", None),
    ],
)
def test_controls_keep_their_answer(text: str, kind: str, card: str | None) -> None:
    got = answer(text)
    assert got.kind == kind, (got.kind, got.cards)
    assert got.cards[:1] == ((card,) if card else ()), (got.kind, got.cards)


def test_a_bug_that_bit_is_still_a_skin_question() -> None:
    got = answer("a bug bit me on the ankle and it's swollen and itchy")
    assert got.kind == "card"
    assert got.cards[0] in BITE_CARDS, got.cards


@pytest.mark.parametrize(
    "text",
    [
        # a habit, not frostnip now (amendment 1)
        "my ears go white whenever I'm out in the snow for long, is that a problem?",
        # white and waxy is a deep burn's sign too: with no burn told, no severe-burn call-now
        # where retrieval does not lead with frostbite (amendment 2)
        "my son's fingertips are waxy and white after the dog-sled ride",
    ],
)
def test_white_fingers_or_ears_not_told_as_frostnip_get_no_other_card(text: str) -> None:
    got = answer(text)
    assert not got.calls_now(), (got.kind, got.cards)
    assert got.cards[:1] in ((), ("frostbite",)), (got.kind, got.cards)
