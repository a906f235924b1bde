"""A sore mouth corner told with 嘴角 reaches the lip card; 嘴角 in a stroke's face or a twitch does
not (mouth_corner_rule_2026-12-05d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question", ["嘴角痛了两天，吃东西都难受", "在泰国玩了一周，嘴角破了", "孩子嘴角烂了，老是去舔"]
)
def test_a_sore_mouth_corner_is_a_skin_question_on_the_lip_card(question: str) -> None:
    assert question_kinds().mentions_skin(question)
    assert asked_alone(question).cards[:1] == ("lip_cheilitis",)


@pytest.mark.parametrize("question", ["我爸嘴角歪了，口水往下流", "左边嘴角老是抽搐"])
def test_a_drooping_or_twitching_mouth_corner_is_no_skin_word(question: str) -> None:
    assert not question_kinds().mentions_skin(question)
    assert "lip_cheilitis" not in asked_alone(question).cards
