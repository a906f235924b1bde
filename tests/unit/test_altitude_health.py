"""A pregnancy, or a heart, lung or blood-pressure condition, said about a high destination gets
its line in every KB-led travel answer; a low destination, nothing said, or the condition said
away gets none (pregnancy_altitude_rule_2026-12-06.md,
altitude_health_region_sights_rule_2026-12-06.md). Phrasings written after each change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

LINE = ("怀孕去高海拔", "Pregnant at high altitude")
CONDITION = ("有慢性病去高海拔", "A long-term condition at high altitude")


def says_it(expert: str, *turns: str, line: tuple[str, str] = LINE) -> bool:
    got = kb_led_answer(expert, list(turns), plans_from_kb=True)
    assert got is not None
    assert got.text
    return any(head in got.text for head in line)


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


@pytest.mark.parametrize("expert", ["itinerary", "practicalities", "transport"])
def test_a_condition_and_a_high_place_gets_the_condition_line(expert: str) -> None:
    assert says_it(
        expert, "my husband had a stent put in last year, we're off to Lhasa", line=CONDITION
    )
    assert says_it(expert, "我妈有哮喘，九寨沟去得了吗", line=CONDITION)
    assert says_it(expert, "去喀什玩，我有点贫血，怎么去比较好", line=CONDITION)


def test_a_province_counts_its_high_cities() -> None:
    assert says_it("practicalities", "我爸心脏不好，想带他去云南转转", line=CONDITION)


@pytest.mark.parametrize(
    "turns",
    [
        ("我有高血压，去深圳玩两天怎么安排",),  # not high
        ("heading to Lijiang next week, no heart problems or anything, what should we see",),
        ("去拉萨玩四天怎么排",),  # nothing said
    ],
)
def test_otherwise_no_condition_line(turns: tuple[str, ...]) -> None:
    assert not says_it("itinerary", *turns, line=CONDITION)


CHILD = ("带孩子去高海拔", "Taking a child to high altitude")


@pytest.mark.parametrize("expert", ["itinerary", "transport", "accommodation"])
def test_a_baby_or_child_going_high_gets_the_child_line(expert: str) -> None:
    """ "is it ok to take my 9 month old to Lhasa?" got the airport and the seasons and nothing on
    the baby (lead probe 2026-12-07i; UIAA MedCom No. 9, ISMM children at altitude)."""
    assert says_it(expert, "带一岁半的宝宝去拉萨，住哪里方便？", line=CHILD)
    assert says_it(expert, "flying into Lhasa with our toddler next month, any advice?", line=CHILD)


def test_no_child_or_a_low_place_gets_no_child_line() -> None:
    assert not says_it("itinerary", "我和老公去拉萨玩四天怎么安排", line=CHILD)
    assert not says_it("itinerary", "带孩子去杭州玩三天怎么安排", line=CHILD)
