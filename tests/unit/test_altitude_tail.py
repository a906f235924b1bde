"""After the altitude line the non-skin tail says its limit lies beyond altitude sickness, never
"this doesn't sound like a skin problem, I can't give reliable advice" under advice just given
(altitude_tail_rule_2026-12-06.md; served reads 25 r20, 26 t12). Phrasings written after."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "beyond", "taken_back"),
    [
        ("刚到九寨沟就头晕想吐，晚上老醒", "高原反应以外", "这听起来不是皮肤问题"),
        ("first night at 3,600 m in Bolivia, my head is throbbing and I can't sleep",
         "Beyond altitude sickness", "doesn't sound like a skin problem"),
    ],
)  # fmt: skip
def test_the_tail_after_the_altitude_line_does_not_take_it_back(
    question: str, beyond: str, taken_back: str
) -> None:
    text = str(asked_alone(question).text)
    assert text.startswith(("**在高原**", "**At altitude**"))
    assert beyond in text
    assert taken_back not in text


def test_without_altitude_the_tail_is_as_before() -> None:
    text = str(asked_alone("在新加坡牙疼两天了").text)  # no topic with first lines of its own
    assert text.startswith("这听起来不是皮肤问题")
