"""Bitten after a rabies vaccine taken before the trip: the answer says what WHO says about it
(same-day care, two booster doses, usually no immunoglobulin); a course started after the bite
is not this ask (vaccinated_before_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from tests.unit.test_card_answer import asked_alone

VACCINATED = "vaccinated"


@pytest.mark.parametrize(
    "question",
    [
        "my son got nipped by a dog in Phnom Penh, he had his rabies jabs before the trip, "
        "does he still need treatment?",
        "孩子被猴子抓了一下，出国前已经打过狂犬疫苗了，还用去打针吗",
        "we all did the pre-exposure rabies vaccine, a dog bit my husband's hand in Kathmandu, "
        "what now?",
    ],
)
def test_a_vaccine_before_the_trip_is_answered_from_the_bite_card(question: str) -> None:
    assert VACCINATED in card_asks().found(question)
    answer = asked_alone(question)
    assert answer.cards[:1] == ("animal_bite_scratch",)
    assert answer.text is not None
    assert "WHO" in answer.text.split("\n\n")[1]


@pytest.mark.parametrize(
    "question",
    ["打了第一针狂犬疫苗，第三针能推迟吗？", "can I get a tetanus shot before the trip?"],
)
def test_a_course_after_the_bite_or_a_plan_is_not_that_ask(question: str) -> None:
    assert VACCINATED not in card_asks().found(question)
