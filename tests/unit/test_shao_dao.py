"""烧到 is a fever only with a temperature after it; a burn told with 烧到 is no fever
(shao_dao_rule_2026-12-06e.md). Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from agents.systemic_red_flags import systemic_red_flags
from tests.unit.doctor_call import card_answer


@pytest.mark.parametrize(
    ("text", "fever"),
    [
        ("拿锅的时候手腕被灶火烧到了，有点红", False),
        ("露营时脚踝被篝火烧到，皮肤发红", False),
        ("儿子半夜烧到38度7，肚子上起了红点", True),
        ("老人烧到了四十度，腿上那片红肿在扩大", True),
    ],
)
def test_shao_dao_is_a_fever_only_with_a_temperature(text: str, fever: bool) -> None:
    assert ("fever" in systemic_red_flags().thread_signs([text])) is fever


def test_a_small_burn_told_with_shao_dao_gets_no_fever_lead() -> None:
    text = "做饭时前臂被煤气灶的火烧到了，红了一小块"
    answer = card_answer(text)
    assert answer.kind == "card"
    assert answer.cards[:1] == ("minor_burn_scald",)
