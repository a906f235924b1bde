"""A rabies course already started is answered with what comes next (every remaining dose on
its date, a late one given and the schedule moved on, the record kept), from the bite card's
sources; a vaccine had before the trip keeps its own line, and a vaccine course's doses are no
medicine dose to refuse (rabies_course_rule_2026-12-06.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor

COURSE = ("你问到的已经开始打的疫苗", "You asked about the vaccine course you've started")


def answer(text: str):
    return CardLedDoctor(0.1).answer([HumanMessage(text)], [text])


@pytest.mark.parametrize(
    "text",
    [
        "a monkey scratched me in Ubud and I've had two rabies jabs so far, what now?",
        "被狗咬后打了第一针，下周要去别的城市，剩下的针怎么办",
    ],
)
def test_a_course_started_gets_what_comes_next(text: str) -> None:
    got = answer(text)
    assert got.text is not None
    assert any(head in got.text for head in COURSE)


def test_a_vaccine_before_the_trip_is_not_a_course() -> None:
    got = answer("去年出国前打过狂犬疫苗，昨天被猫抓破了皮，还要打针吗？")
    assert got.text is not None
    assert "之前打过疫苗" in got.text
    assert not any(head in got.text for head in COURSE)


def test_a_medicine_dose_beside_a_vaccine_is_still_refused() -> None:
    assert answer("had my tetanus shot, what's the right ibuprofen dose for my son?").kind == (
        "prescription"
    )
    assert answer("how many doses of the rabies vaccine will I need after a dog bite?").kind != (
        "prescription"
    )
