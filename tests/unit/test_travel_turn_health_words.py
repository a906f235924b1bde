"""A travel turn that tells a complaint in body-part pain, a sprain, a nappy rash or skin that
burns easily keeps the doctor beside the travel expert (health_words_rule_2026-12-07f.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.registry import TRAVEL_EXPERTS
from config.settings import Settings
from graph.routing.policy import decide
from tests.unit.test_quiet_second_expert import FOOD_THEN_DOCTOR, answered

TRAVEL_LEADS = {"itinerary": 0.42, "food_culture": 0.2, "transport": 0.15, "medical": 0.05}


@pytest.mark.parametrize(
    "text",
    [
        "去桂林玩，昨天下船时把脚踝崴了，阳朔还去得了吗",
        "宝宝这两天尿布疹，去厦门有哪些带娃好玩的地方？",
        "坐了一夜大巴腰疼得不行，大理古城有什么轻松的玩法",
        "My back hurts from the overnight bus, any chill things to do in Hanoi?",
        "Earache since landing in Denpasar, what should we see in Ubud?",
        "my daughter burns so easily — what's a good plan for two days in Phuket?",
    ],
)
def test_a_told_complaint_adds_the_doctor_to_a_travel_turn(text: str) -> None:
    decision = decide(TRAVEL_LEADS, text)
    assert "medical" in decision.experts, text
    assert set(decision.experts) & set(TRAVEL_EXPERTS), text  # the travel side stays


@pytest.mark.parametrize(
    "text",
    [
        "这顿烤鱼吃得太痛快了，明天去哪玩",
        "想吃麻辣香锅，重庆三天怎么安排",
        "What's a painless way to see Kyoto in two days?",
        "Where can we burn off the street food in Taipei, any hikes in the plan?",
    ],
)
def test_no_complaint_no_doctor(text: str) -> None:
    assert "medical" not in decide(TRAVEL_LEADS, text).experts, text


async def test_the_added_doctor_is_not_quiet_on_a_told_complaint(fake_settings: Settings) -> None:
    """The doctor's referral beside a food lead stays when the turn tells a toothache or a
    sprain: the complaint words count as a health complaint (agents/quiet_expert.py)."""
    for text in (
        "Toothache since landing in Taipei — where's good for soft noodles?",
        "下楼梯时崴到了，晚上在西安吃点什么清淡的？",
    ):
        _, streamed = await answered(fake_settings, FOOD_THEN_DOCTOR, text)
        assert streamed == ["food_culture", "medical"], text
