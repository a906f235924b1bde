"""A baby who stopped breathing, even for a moment, is call-now from the card-led doctor alone,
with baby CPR first aid; a baby with no breathing sign, or an adult's idiom, is not
(baby_stopped_breathing_rule_2026-12-07f.md). Phrasings written after the change, not the fresh
file's."""

from __future__ import annotations

import pytest

from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "text",
    [
        "our six-week-old stopped breathing in the car seat for a few seconds, then gasped",
        "my infant wasn't breathing when I picked him up from the cot, he came round when I rubbed"
        " his back",
        "三个月大的宝宝洗澡时突然没呼吸了几秒，脸发白",
        "新生儿吃奶呛到，停了好几秒没呼吸，现在在哭",
    ],
)
def test_a_baby_who_stopped_breathing_is_call_now_with_baby_cpr(text: str) -> None:
    assert doctor_call(text) == (True, "infant_not_breathing")


@pytest.mark.parametrize(
    "text",
    [
        "my baby's breathing sounds a bit snuffly with this cold, no fever",
        "宝宝脸上起了一些小红点，呼吸正常，吃奶也好",
        "I nearly stopped breathing when the waiter brought the bill",
    ],
)
def test_no_breathing_stop_or_no_baby_is_not_this_rule(text: str) -> None:
    assert doctor_call(text)[1] != "infant_not_breathing"
