"""A medicine switched or named without 抗 is a medicine (medicine_words_rule_2026-12-06g.md): the
doctor then reads skin coming off after it as SJS/TEN. A wound's dressing change, a new shampoo
or a pharmacy are not. Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "turn",
    [
        "我外公前阵子换了个新的痛风药",
        "孩子换了一种治癫痫的药",
        "止痛药连着吃了一周",
        "她的羊癫疯药刚加了量",
    ],
)
def test_a_switched_or_everyday_named_medicine_is_read(turn: str) -> None:
    assert "medicine" in emergency_signs().thread_signs([turn])


@pytest.mark.parametrize(
    "turn", ["明天还要去医院换药，伤口有点渗水", "换了一种沐浴露以后身上痒", "换了家药店买的"]
)
def test_not_a_medicine(turn: str) -> None:
    assert "medicine" not in emergency_signs().thread_signs([turn])
