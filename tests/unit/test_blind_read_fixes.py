"""Fixes from the 2026-12-07h blind read (blind_read_fixes_rule_2026-12-07h.md): a small bite told
as "nipped"/"snapped at" reaches the doctor; a negation typed without an
apostrophe or with a curly one is read; 发热 right after the inflamed skin's words is its warmth,
not a fever; redness bigger than yesterday is spreading. Phrasings written after the change,
different from the fresh file's."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from agents.knowledge.negation import affirmed
from graph.routing.classifier_router import ClassifierRouter


def experts(text: str) -> tuple[str, ...]:
    return ClassifierRouter().route([HumanMessage(text)]).experts


def signs(text: str) -> set[str]:
    return set(emergency_signs().signs(affirmed(text)))


@pytest.mark.parametrize(
    "text",
    [
        "a stray dog nipped my husband's calf outside our guesthouse in Siem Reap, "
        "we take the bus to Phnom Penh tomorrow",
        "one of the temple monkeys in Jaipur snapped at my daughter and left a graze, "
        "our train leaves tonight",
    ],
)  # fmt: skip
def test_a_small_bite_told_with_another_verb_reaches_the_doctor(text: str) -> None:
    assert "medical" in experts(text)


@pytest.mark.parametrize(
    "text",
    [
        "we nipped out for street food in Penang, what else is good to eat there?",
        "is there a nip in the air in Seoul in October, what should we pack?",
    ],
)
def test_nip_as_a_quick_trip_or_cold_air_stays_travel(text: str) -> None:
    assert "medical" not in experts(text)


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("my son has spots on his arms, he isnt feverish and eats fine", "feverish"),
        ("itchy patch on my neck, I havent had a temperature", "temperature"),
        ("bumps on her legs, she doesn’t have a fever", "fever"),
    ],
)
def test_a_negation_typed_without_or_with_a_curly_apostrophe_is_read(
    text: str, denied: str
) -> None:
    assert denied not in affirmed(text)
    assert "fever" not in signs(text)


def test_a_sign_told_with_a_typed_negation_stays_a_sign() -> None:
    text = "red spots on his tummy that dont fade under a glass, and a fever"
    assert "non_blanching" in signs(text)


@pytest.mark.parametrize(
    "text",
    ["手背被猫抓的地方红肿发热，人没发烧", "脚上的伤口摸着发热，有点红", "虫咬的包周围红肿发热"],
)
def test_local_warmth_is_no_fever(text: str) -> None:
    assert "fever" not in signs(text)


@pytest.mark.parametrize("text", ["孩子头疼发热，身上出了红点", "昨晚开始发热，胳膊上起了疹子"])
def test_a_fever_told_as_fa_re_stays_one(text: str) -> None:
    assert "fever" in signs(text)


@pytest.mark.parametrize(
    "text", ["擦伤的地方化脓了，晚上人也烧起来了", "宝宝下午突然烧起来了，腿上有红点"]
)
def test_a_person_burning_up_is_a_fever(text: str) -> None:
    assert "fever" in signs(text)


def test_a_fire_burning_up_is_no_fever() -> None:
    assert "fever" not in signs("篝火烧起来了，手被火星烫了个小泡")


def test_redness_bigger_than_yesterday_is_spreading() -> None:
    assert "spreading_redness" in signs("脚踝上那块红肿比昨晚又大了一圈")
    assert "spreading_redness" not in signs("身上的红点比昨天多了")
