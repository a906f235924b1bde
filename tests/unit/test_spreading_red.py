"""Redness itself said to spread, with no subject word before "红" or "red", is spreading
redness, so with a fever the cellulitis card calls now (spreading_red_rule_2026-12-05.md;
served read 24 h5 "整条腿都红了还在往上蔓延…他还发烧" got a same-day banner). A rash's spots that
spread are not. Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.emergency_signs import emergency_signs
from agents.responders import category_of_card

SPREADING = "spreading_redness"


@pytest.mark.parametrize(
    "text",
    [
        "脚踝被蚂蚁咬了，现在整只脚都红了，还在往小腿上蔓延",
        "手指划破的地方红了，今天红到手背上去了，还在扩散",
        "his hand went red and it's now spreading up past the wrist",
    ],
)
def test_redness_said_to_spread_is_spreading_redness(text: str) -> None:
    assert SPREADING in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "红疹从脖子蔓延到胳膊上了",
        "小红点越来越多，扩散到背上",
        "red spots spreading over her back since this morning",
        "脸有点红，晒了一下午",
    ],
)
def test_a_rash_spreading_or_red_alone_is_not(text: str) -> None:
    assert SPREADING not in emergency_signs().signs(text)


def test_spreading_redness_with_a_fever_calls_now_with_the_cellulitis_card() -> None:
    q = "被蚂蚁咬的脚踝整只脚都红了，还在往小腿上蔓延，今天烧到39度"
    got = CardLedDoctor(0.1).answer([HumanMessage(q)], [q])
    assert got.kind == "emergency_card"
    assert got.cards[0] == "cellulitis_fever"


def test_the_cellulitis_card_with_spreading_redness_carries_the_sepsis_first_aid() -> None:
    """An escalation the doctor's cellulitis card agrees with gets the serious-infection first
    aid the rules' own flag for the picture has, not the generic one (amendment in the rule)."""
    told = emergency_signs().signs("手背被狗抓破后整只手都红了，一直往胳膊上蔓延，还发高烧")
    assert category_of_card("cellulitis_fever", told) == "sepsis_meningitis"
    # spreading with no fever told: the card calls now, but no sepsis is claimed
    no_fever = emergency_signs().signs("手背被狗抓破后整只手都红了，一直往胳膊上蔓延")
    assert category_of_card("cellulitis_fever", no_fever) is None
