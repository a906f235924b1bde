"""A pregnancy said about a high destination gets the obstetrician line in every KB-led travel
answer; a low destination, no pregnancy, or a pregnancy said away gets none
(pregnancy_altitude_rule_2026-12-06.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

LINE = ("怀孕去高海拔", "Pregnant at high altitude")


def says_it(expert: str, *turns: str) -> bool:
    got = kb_led_answer(expert, list(turns), plans_from_kb=True)
    assert got is not None
    assert got.text
    return any(line in got.text for line in LINE)


@pytest.mark.parametrize("expert", ["itinerary", "practicalities", "accommodation"])
def test_pregnant_and_high_gets_the_line(expert: str) -> None:
    assert says_it(expert, "老婆孕中期，我们打算国庆去拉萨，住哪里方便")
    assert says_it(expert, "Planning Jiuzhaigou in June — I'll be about 20 weeks pregnant by then")


def test_a_pregnancy_said_earlier_in_the_thread_counts() -> None:
    assert says_it("itinerary", "我怀孕三个月了", "丽江玩四天怎么安排")


@pytest.mark.parametrize(
    "turns",
    [
        ("孕晚期了，想去成都吃吃喝喝，有什么推荐",),  # not high
        ("去喀什玩五天怎么安排",),  # not pregnant
        ("she isn't pregnant, we just want to see Lhasa",),  # said away
    ],
)
def test_otherwise_no_line(turns: tuple[str, ...]) -> None:
    assert not says_it("itinerary", *turns)
