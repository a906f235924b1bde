"""A skin finding told beside a care ask is answered by the condition whose own telling signs
show, not by the care topic retrieval put first (finding_over_topic_rule_2026-12-05.md; served
read 24 h7 "手脸一直干裂起皮，用什么护肤" got "较像日常护肤").

Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import answer


@pytest.mark.parametrize(
    ("ranked", "question", "lead"),
    [
        (
            [("skincare_routine", 1.0), ("altitude_dry_skin", 0.95)],
            "在稻城亚丁高原上，脸被风吹得又红又脱皮，用什么护肤品",
            "altitude_dry_skin",
        ),
        (
            [("sun_protection", 1.0), ("sunburn", 0.93)],
            "spent the whole day on the beach in Krabi, legs are red and sting, what lotion now?",
            "sunburn",
        ),
    ],
)
def test_a_condition_whose_signs_show_leads_over_the_care_topic(
    ranked: list[tuple[str, float]], question: str, lead: str
) -> None:
    assert answer(question, ranked).cards[0] == lead


@pytest.mark.parametrize(
    ("ranked", "question"),
    [
        # a care ask with no finding told: the topic answers it
        ([("skincare_routine", 1.0), ("altitude_dry_skin", 0.95)], "去高原旅游该怎么护肤"),
        # a place on the body is no sign of the condition
        ([("skincare_routine", 1.0), ("friction_blisters", 0.95)], "脚后跟起皮发干，用什么护肤"),
        # never an emergency card on a care question
        ([("sun_protection", 1.0), ("heatstroke", 0.95)], "晒了一整天脸有点红，用什么防晒"),
    ],
)
def test_the_topic_keeps_the_lead_without_a_condition_sign(
    ranked: list[tuple[str, float]], question: str
) -> None:
    assert answer(question, ranked).cards[0] == ranked[0][0]
