"""A sprain, a crushed finger or legs swollen from sitting is no skin question, unless a wound or
a skin finding is named beside it (injury_not_skin_rule_2026-12-04g.md). Phrasings written for
this file."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.doctor_call import card_answer


@pytest.mark.parametrize(
    "question",
    [
        "扭到了脚，脚背肿得老高",
        "rolled my ankle on the hike down from the temple, it's swollen now",
        "caught my finger in the taxi door, the nail is black underneath",
        "坐了十几个小时大巴，小腿和脚都肿了",
        "my mum's feet are swollen after the long flight to Sydney",
    ],
)
def test_an_injury_or_travel_swelling_gets_the_non_skin_answer(question: str) -> None:
    assert not question_kinds().mentions_skin(question)
    assert card_answer(question).kind == "non_skin"


@pytest.mark.parametrize(
    "question",
    [
        "rolled my ankle and scraped the skin off on the rocks, it's bleeding",
        "扭伤的地方起了好多小水泡，很痒",
        "my ankles are swollen and itchy with bites after the bus trip",
    ],
)
def test_a_wound_or_skin_finding_beside_it_keeps_it_a_skin_question(question: str) -> None:
    assert question_kinds().mentions_skin(question)
