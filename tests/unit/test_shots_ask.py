""" "Do I need a shot?" is an ask of its own, answered from the card's own vaccine or tetanus care
lines, in a first turn and in a follow-up; a vaccine had before the trip keeps its narrower
answer (shots_ask_rule_2026-12-06e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import after_card, asked_alone

KB = load_conditions()


@pytest.mark.parametrize(
    "question",
    [
        "用不用去打一针破伤风？",
        "is it too late to get the rabies vaccine?",
        "should my husband get a booster?",
    ],
)
def test_asking_for_a_shot_is_read_as_the_ask(question: str) -> None:
    assert "shots" in card_asks().found(question)


def test_a_vaccine_had_before_the_trip_keeps_its_own_answer() -> None:
    found = card_asks().found("我出国前打过狂犬疫苗，这次被狗抓了还要打针吗")
    assert "vaccinated" in found
    assert "shots" not in found


@pytest.mark.xfail(strict=True, reason="the vaccinated ask does not read 'all three … jabs'")
def test_all_three_jabs_before_the_trip_is_read_as_vaccinated() -> None:
    found = card_asks().found("I had all three rabies jabs before the trip, do I need more shots?")
    assert "vaccinated" in found


def test_a_first_answer_quotes_the_cards_tetanus_line() -> None:
    text = str(asked_alone("scraped my knee on coral off Koh Tao, do I need a tetanus jab?").text)
    assert "You asked about shots or vaccines" in text
    assert "tetanus booster" in text.split("It usually looks like this")[0]


def test_a_follow_up_asking_for_a_shot_quotes_the_card_just_given() -> None:
    got = after_card("在吴哥窟被猴子咬了一口", "animal_bite_scratch", "那我要去打针吗")
    assert got.kind == "asked"
    assert KB.get("animal_bite_scratch").care["zh"][1] in str(got.text)
