"""Redness spreading over a day or two with no fever and no whole-body sign is a doctor today, not
an ambulance; with a fever, shivering, confusion, cold clammy skin, feeling very unwell or a red
streak up the limb it still calls now (call_now_false_alarms_rule_2026-12-07g.md, NHS
"Cellulitis"). Phrasings written for this file, after the change, on the shipped cards."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone

answer = asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "stung on the ankle two days ago, it's red, swollen and hot and the red area keeps "
        "getting bigger, no temperature, I feel okay",
        "手腕上的伤口红肿发烫，红肿越来越大，不发烧",
    ],
)
def test_spreading_redness_without_fever_is_a_doctor_today(question: str) -> None:
    got = answer(question)
    assert got.cards[:1] == ("cellulitis_fever",)
    assert got.kind == "same_day_card"
    assert not got.calls_now()


@pytest.mark.parametrize(
    "question",
    [
        "cut on my shin is red, hot and swollen, the redness is spreading and I'm shivering",
        "a red streak is going up my forearm from the scratch on my hand, no fever",
        "the graze on his knee is red, hot and swollen, the redness is spreading and he's "
        "confused today",
        "脚上的伤口红肿发烫，红肿往上蔓延，整个人很虚弱",
        # a snake bite's spreading swelling is venom (NHS "Snake bites": 999 / A&E), amendment 1
        "my daughter was bitten by a snake by the lake in Laos, her foot is red and the swelling "
        "is spreading",
    ],
)
def test_spreading_redness_with_a_body_sign_or_streak_still_calls_now(question: str) -> None:
    assert answer(question).calls_now()
