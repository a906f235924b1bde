"""A sight of an `apart` area is named by the area's name in a yes/no feasibility ask
(apart_names_rule_2026-12-06e.md): "Nara" is four letters, shorter than a proper name.
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.feasibility import feasibility_answer
from agents.knowledge import load_kb


@pytest.mark.parametrize(
    "question",
    [
        "Is Nara worth it as a day trip while we're staying in Kyoto?",
        "京都出发，奈良当天来回行不行？",
        "在普吉，皮皮岛当天往返来得及吗",
    ],
)
def test_an_apart_area_name_gets_the_whole_day_verdict(question: str) -> None:
    answer = feasibility_answer(question, load_kb().find(question))
    assert answer is not None
    assert answer.kind == "feasibility"


def test_a_common_four_letter_word_names_no_sight() -> None:
    question = "Shanghai: can I walk one road and see a gate in one day?"
    answer = feasibility_answer(question, load_kb().find(question))
    assert answer is None or "Nanjing Road" not in answer.text
