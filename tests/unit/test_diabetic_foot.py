"""A diabetic's foot or leg wound that looks infected is "a doctor today" (NHS diabetic foot
guidance), not blister care; the same wound without diabetes, or a diabetic's clean blister,
gets its card as before (diabetic_foot_rule_2026-12-04q.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "diabetic here, the blister on my big toe from hiking is now red and oozing",
        "我有糖尿病，脚后跟磨了个泡，现在发红发烫",
    ],
)
def test_a_diabetic_infected_looking_foot_wound_is_a_doctor_today(question: str) -> None:
    assert asked_alone(question).kind == "systemic_urgent"


@pytest.mark.parametrize(
    "question",
    [
        "diabetic, small blister on my heel from new boots, no redness or swelling at all",
        "my heel blister from the hike is red and sore, what should I do?",
    ],
)
def test_a_clean_blister_or_no_diabetes_keeps_the_card(question: str) -> None:
    answer = asked_alone(question)
    assert answer.kind == "card"
    assert answer.cards[:1] == ("friction_blisters",)
