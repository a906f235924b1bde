"""The doctor names the card people mean when they tell it without the card's words: "stung by
something" is a skin question (sea-urchin spines), 手足口 without 病 names the card, a dry flaky
face in winter is dry skin, not the altitude card; and a fever beside heat rash is a doctor today
(agents/prompts/medical_question_kinds.yaml, agents/knowledge/condition_names.yaml `forms`,
conditions.yaml; evals/medical/results/card_misses_rule_2026-12-06j.md). Phrasings written after
the change."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from tests.unit.doctor_call import card_answer


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("小儿子手足口还没好全，能坐飞机吗", "hand_foot_mouth"),
        ("首尔冬天太干了，女儿两边脸颊都在起皮", "xerosis"),
    ],
)
def test_the_card_people_mean_leads(text: str, card: str) -> None:
    got = answer(text)
    assert got.cards[:1] == (card,), (got.kind, got.cards)


def test_stung_by_something_unnamed_is_a_skin_question() -> None:
    # before: "not a skin problem"; the card retrieval then finds is its own matter (here the
    # urchin is among the cards, behind a wasp sting: retrieval, left)
    got = answer("got stung by something in the water at Koh Tao, black bits stuck in my foot now")
    assert got.kind != "non_skin"
    assert "sea_urchin" in got.cards, (got.kind, got.cards)


@pytest.mark.parametrize(
    "text",
    ["一岁的宝宝长痱子了，今天还发热38度", "toddler covered in prickly heat and running a fever"],
)
def test_a_fever_beside_heat_rash_is_a_doctor_today(text: str) -> None:
    got = answer(text)
    assert got.kind == "systemic_urgent"
    assert got.cards[:1] == ("heat_rash",)
    assert not got.calls_now()


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("爬玉龙雪山那几天脸上干得起皮", "altitude_dry_skin"),
        ("天太闷热了，宝宝背上起了一片痱子", "heat_rash"),
    ],
)
def test_controls_keep_their_card(text: str, card: str) -> None:
    got = answer(text)
    assert got.kind == "card"
    assert got.cards[:1] == (card,), (got.kind, got.cards)
