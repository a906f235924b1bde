"""A dive that struck the bottom with neck pain or numb limbs, or a fall from a height with numb or
weak limbs, is the doctor's call-now with the head-and-spine first aid (don't move them, hold the
head still), and a net escalation of it names that first aid; a stiff neck from a bus seat, a
numb hand from a phone or numbness after scuba dives is not
(spine_after_impact_rule_2026-12-07e.md). Phrasings written for this file after the change; the
first four failures they found were amendment 1's reason."""

from __future__ import annotations

import pytest

from agents.responders import first_aid_categories
from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "question",
    [
        "my son dived off the jetty, hit the sandbar and now his arms feel numb",
        "表弟在水库扎猛子磕到了水底，说脖子痛得不敢动",
        "my uncle came off his motorbike in Da Nang and can't feel his feet",
    ],
)
def test_a_spine_that_may_be_hurt_calls_now(question: str) -> None:
    assert doctor_call(question) == (True, "head_injury")


@pytest.mark.parametrize(
    "question",
    [
        "the hostel pillow gave me a sore neck, any good massage places in Chiang Mai?",
        "手机刷太久了，右手大拇指有点麻",
        "after three dives today my fingers are tingling",
    ],
)
def test_a_sore_neck_or_numb_fingers_alone_is_no_spine_call(question: str) -> None:
    assert doctor_call(question) != (True, "head_injury")


@pytest.mark.parametrize(
    "question",
    [
        "she did a backflip into the shallow end, struck the bottom and says her neck really hurts",
        "爷爷从马背上摔下来，现在两条腿没知觉",
    ],
)
def test_a_net_escalation_of_it_names_the_spine_first_aid(question: str) -> None:
    assert first_aid_categories([], [question])[:1] == ["head_injury"]


def test_a_pool_dive_that_struck_the_bottom_gets_no_decompression_first_aid() -> None:
    found = first_aid_categories(
        ["decompression_sickness"], ["dived into the pool, hit the bottom, hands tingling"]
    )
    assert found[:1] == ["head_injury"]
    assert "decompression_sickness" not in found
