"""Three served misses (evals/medical/results/served_misses_rule_2026-12-07e.md): grass-mite
(chigger) bites reach the insect-bites card, a raw smelly fold rash the intertrigo card rather than
heat rash, and "black henna" asked about before any rash brings the doctor. Phrasings written
after the change; each target fails with its part of the change taken out."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from config.settings import Settings
from tests.unit.doctor_call import card_answer
from tests.unit.test_graph import routed_experts


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize(
    ("text", "card"),
    [
        (
            "sat on the grass at a festival in Somerset, now my ankles are all itchy red bumps",
            "insect_bites",
        ),
        ("在公园草坪上野餐后，孩子袜口一圈起了好多小红疙瘩，痒得直挠", "insect_bites"),
        (
            "the skin under my breasts is raw and a bit smelly after a week in humid Manila",
            "intertrigo_chafing",
        ),
        (
            # the heat-rash card led here before the change
            "the folds under my chest are red, sore and weepy in this sticky Kuala Lumpur weather",
            "intertrigo_chafing",
        ),
        pytest.param(
            "肚子的肉褶里又红又湿，还有点味道，普吉岛太热了",
            "intertrigo_chafing",
            # written with the others; read as no skin question (肉褶 is no skin word; adding it was
            # tried and not adopted, served_misses_rule amendment 2): a known gap
            marks=pytest.mark.xfail(strict=True, reason="肉褶 is no skin word"),
        ),
    ],
)
def test_the_card_people_mean_leads(text: str, card: str) -> None:
    got = answer(text)
    assert got.cards[:1] == (card,), (got.kind, got.cards)


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("手指缝里好多小红点，晚上痒得睡不着，老公也痒", "scabies"),
        ("little prickly red pinpricks all over my toddler's back in the Bali heat", "heat_rash"),
        (
            "pus spots around the hairs on my shins after shaving and the hotel jacuzzi",
            "folliculitis",
        ),
    ],
)
def test_neighbours_keep_their_own_pictures(text: str, card: str) -> None:
    got = answer(text)
    assert got.cards[:1] == (card,), (got.kind, got.cards)


@pytest.mark.parametrize(
    ("text", "doctor"),
    [
        ("there's a black henna stand by our hotel in Hurghada, fine for a 6-year-old?", True),
        ("沙滩上有人画黑色海娜，在普吉岛给女儿画一个会有问题吗", True),
        ("any good spots for a henna party in Marrakech for a hen weekend?", False),
    ],
)
async def test_black_henna_asked_about_brings_the_doctor(
    fake_settings: Settings, text: str, doctor: bool
) -> None:
    experts = await routed_experts(fake_settings, f"bh-{text[:8]}", text)
    assert ("medical" in experts) is doctor, experts
