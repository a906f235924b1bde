"""A knock to the head with vomiting, slowed reactions, confusion, a fit or slurred speech is the
doctor's call-now with the head injury's first aid (NHS "Head injury and concussion"); a bump with
no such sign, a fall with no head or height told, or being sleepy after a flight is not
(head_knock_call_now_rule_2026-12-07d.md). Phrasings written for this file after the change."""

from __future__ import annotations

import pytest

from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "question",
    [
        "my brother smacked his head on the diving board and has thrown up since",
        "孩子从滑板上摔下来撞到了头，现在口齿不清",
        "grandad fell down the hotel stairs and his reactions have got really slow",
    ],
)
def test_a_knock_to_the_head_with_a_sign_calls_now(question: str) -> None:
    assert doctor_call(question) == (True, "head_injury")


@pytest.mark.parametrize(
    "question",
    [
        "banged my head on the car door, there's a little bump, otherwise fine",
        "我在夜市摔了一跤，手掌擦破了，晚上又吃坏肚子吐了",
        "bumped my head on the bunk, now I just want to sleep after the long flight",
    ],
)
def test_no_sign_or_no_head_is_no_head_injury_call(question: str) -> None:
    assert doctor_call(question) != (True, "head_injury")


@pytest.mark.parametrize(
    "question",
    [
        "my friend cracked her head on the ferry railing and says she's seeing double",
        "外婆磕到后脑勺以后，右边耳朵流出血来了",
        "he banged his head diving off the pier and one pupil is much larger now",
    ],
)
def test_the_999_signs_after_a_knock_to_the_head_call_now(question: str) -> None:
    # head_knock_999_signs_rule_2026-12-07d.md: vision, fluid or blood from the ears, pupils
    assert doctor_call(question) == (True, "head_injury")
