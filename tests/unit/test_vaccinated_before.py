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


# Served read 25 r13 (rabies_vaccinated_rule_2026-12-05.md): a course had before this bite, said
# with when it was had or as "fully vaccinated", is the ask too; the answer also tells someone whose
# shots began after this bite to finish the course. Phrasings written after that change.
@pytest.mark.parametrize(
    "question",
    [
        "我十年前打完了五针狂犬疫苗，昨天在尼泊尔被猴子抓破了，还要去打吗？",
        "小时候被狗咬过，那次打过全程狂犬疫苗，这回被猫挠出血了要不要紧",
        "a dog in Hampi bit my calf; I'm fully vaccinated against rabies for vet school, "
        "still need the clinic?",
    ],
)
def test_a_course_had_before_this_bite_is_the_ask_and_the_answer_says_finish_a_new_one(
    question: str,
) -> None:
    assert VACCINATED in card_asks().found(question)
    answer = asked_alone(question)
    assert answer.cards[:1] == ("animal_bite_scratch",)
    assert answer.text is not None
    said = answer.text.split("\n\n")[1]
    assert "WHO" in said
    assert "整个疗程" in said or "whole course" in said
