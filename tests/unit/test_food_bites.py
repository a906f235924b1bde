"""A food turn that asks for "bites" to eat is no skin question: the doctor does not join it; a
bite on the skin still brings the doctor (food_bites_rule_2026-12-05.md). Phrasings written after
the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.routing.classifier_router import ClassifierRouter


@pytest.mark.parametrize(
    "question",
    [
        "we want to grab a few tasty bites in Hongdae after the concert, where?",
        "late night bites near our hotel in Ximending?",
        "somewhere cheap for a bite to eat near Kyoto station",
    ],
)
def test_bites_to_eat_do_not_bring_the_doctor(question: str) -> None:
    assert "medical" not in ClassifierRouter().route([HumanMessage(question)]).experts


@pytest.mark.parametrize(
    "question",
    [
        "got bites on my arms in the Hoi An homestay, which cafes have AC to hide in?",
        "flea bites from the hostel in Lisbon, any nice day trips tomorrow?",
    ],
)
def test_bites_on_the_skin_still_bring_the_doctor(question: str) -> None:
    assert "medical" in ClassifierRouter().route([HumanMessage(question)]).experts
