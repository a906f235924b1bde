"""A fever told by how long it has lasted ("烧了两天", "烧了一夜") is a fever; 烧 as a burn or a
fire burning is not (fever_shao_rule_2026-12-06e.md). Phrasings written after the change, not
the fresh file's."""

from __future__ import annotations

import pytest

from agents.systemic_red_flags import systemic_red_flags
from tests.unit.doctor_call import card_answer


def _fever(text: str) -> bool:
    return "fever" in systemic_red_flags().thread_signs([text])


@pytest.mark.parametrize(
    "text",
    [
        "爸爸烧了三个晚上了，胳膊上的红肿越来越大",
        "小儿子断断续续烧了4天",
        "她烧一整天了，身上还出了疹子",
    ],
)
def test_a_fever_told_by_its_length_is_a_fever(text: str) -> None:
    assert _fever(text)


@pytest.mark.parametrize(
    "text",
    [
        "煮饭时手指被燃气灶烧了一下，起了个泡",
        "营地的柴火烧了一夜，早上起来脸干得脱皮",
        "露营烧了三天的炭，手上被火星烫了几个点",
    ],
)
def test_a_burn_or_a_fire_burning_is_no_fever(text: str) -> None:
    assert not _fever(text)


def test_a_fever_told_so_beside_a_sunburn_is_a_doctor_today() -> None:
    text = "在海边晒得肩膀全是水疱，晚上又烧了一宿"
    answer = card_answer(text)
    assert answer.kind == "systemic_urgent"
    assert answer.cards[:1] == ("sunburn",)
