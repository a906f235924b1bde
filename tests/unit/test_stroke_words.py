"""A stroke's face and arm told in everyday Chinese and English — 嘴也歪了, 一只手 / 一条腿 with no
strength or that can't be lifted, "her mouth is drooping" — meet the stroke rules (NHS "Stroke",
FAST: call now, note the time); a crooked smile, one scratched hand or legs too tired to lift after
a climb do not (agents/prompts/emergency_signs.yaml `one_sided_face`, `one_sided_limb`;
agents/knowledge/negation.yaml; evals/medical/results/stroke_words_rule_2026-12-07e.md). Phrasings
written for this file after the change."""

from __future__ import annotations

import pytest

from tests.unit.doctor_call import doctor_call


@pytest.mark.parametrize(
    "question",
    [
        "姥姥看电视时嘴突然有点歪，一只手也握不住遥控器",
        "大伯下车后一条胳膊抬不起来了，刚刚突然这样",
        "my aunt's face suddenly went droopy and her speech is off, we're in a cafe in Prague",
    ],
)
def test_a_stroke_told_in_everyday_words_calls_now(question: str) -> None:
    assert doctor_call(question) == (True, "stroke")


@pytest.mark.parametrize(
    "question",
    [
        "the photographer said my smile looks crooked in the wedding shots",
        "逛了一天故宫，两条腿都抬不起来了，晚上吃什么好",
        "一只手被蚊子咬了好几个包",
    ],
)
def test_a_crooked_smile_or_tired_legs_is_no_stroke(question: str) -> None:
    assert doctor_call(question) != (True, "stroke")
