"""Skin told as scalded or burnt and coming off in pieces after a new medicine is SJS/TEN's
picture and leads with its emergency card, not burn first aid; a real scald, a sting that hurts
"like a burn" and a sunburn's peeling do not (sjs_scald_rule_2026-12-06g.md). Phrasings written
after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from tests.unit.doctor_call import card_answer


def _answer(text: str):  # type: ignore[no-untyped-def]
    return card_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "新开的磺胺药吃了一周，脖子和胸口的皮像被开水烫了似的，一片片往下掉",
        "吃了医生新开的药，背上的皮肤好像被烫熟了一样一块块剥落",
        "two weeks on a new seizure medication and his back looks like he's been scalded",
        "after the new antibiotics her skin started falling off in big pieces",
    ],
)
def test_skin_like_a_scald_after_a_new_medicine_leads_with_sjs_ten(text: str) -> None:
    got = _answer(text)
    assert got.kind == "emergency_card"
    assert got.cards[0] == "sjs_ten"


@pytest.mark.parametrize(
    "text",
    [
        "被海蜇蛰到，小腿像被火烫了一样疼",
        "脸晒得像烫伤了一样红",
        "晒伤以后背上一片片脱皮",
        "像发烧一样浑身没劲",
        "my arm stings like a burn where the jellyfish got me",
    ],
)
def test_a_likeness_of_pain_colour_or_a_sunburns_peeling_is_no_skin_coming_off(text: str) -> None:
    assert "skin_detaching" not in emergency_signs().signs(text)


def test_a_real_scald_stays_a_burn() -> None:
    got = _answer("泡茶的时候开水洒到手指上，红了一小块，有点疼")
    assert got.kind == "card"
    assert got.cards[0] == "minor_burn_scald"
