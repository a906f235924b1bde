"""A hot spring, sauna or hot bath asked about on sunburn gets the card's own hot-water line (NHS
"Sunburn": cool the skin), not its swimming line; a card with no such line keeps what it said
(sunburn_hot_water_rule_2026-12-06e.md). Phrasings written after the change, not the fresh
file's."""

from __future__ import annotations

import pytest

from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import card_answer


def _answer(text: str) -> tuple[tuple[str, ...], str]:
    answer = card_answer(text)
    return answer.cards, answer.text or ""


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("arms are sunburnt and starting to peel, would a jacuzzi tonight be a bad idea?", "en"),
        ("my sunburned neck still stings - ok to do the steam room at the spa?", "en"),
        ("去海边晒伤了，今晚酒店能去汗蒸吗", "zh"),
        ("晒脱皮了还可以去泡个温泉吗", "zh"),
        ("sunburnt back, is it fine to soak in the hot springs tomorrow?", "en"),
        ("脸晒伤了，明天还能泡温泉吗", "zh"),
    ],
)
def test_hot_water_on_sunburn_is_answered_by_its_own_line(question: str, lang: str) -> None:
    cards, text = _answer(question)
    card = load_conditions().get("sunburn")
    assert cards[:1] == ("sunburn",)
    assert card.asked["hot_water"][lang] in text
    assert card.asked["swim"][lang] not in text


def test_a_card_without_the_line_keeps_its_swim_answer() -> None:
    cards, text = _answer("纹身才做了两天，周末可以泡温泉吗")
    assert cards[:1] == ("new_tattoo",)
    assert load_conditions().get("new_tattoo").asked["swim"]["zh"] in text
