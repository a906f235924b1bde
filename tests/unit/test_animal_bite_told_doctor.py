"""A mammal's bite or scratch told in a sentence leads the doctor to the animal-bite card, over a
card the wound merely looks like; an emergency read from the signs still answers first
(animal_bite_told_doctor_rule_2026-12-06e.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone

BITE = "animal_bite_scratch"


@pytest.mark.parametrize(
    "question",
    [
        "a puppy at the guesthouse in Luang Prabang bit my toe, it is puffy and shiny today",
        "在九寨沟被松鼠咬了一下手指，起了个小红包，有点痒",
        "酒店院子里的猫把我女儿小腿挠了几道，现在一圈红红的",
    ],
)
def test_a_told_bite_leads_with_the_animal_bite_card(question: str) -> None:
    assert asked_alone(question).cards[:1] == (BITE,)


def test_a_dog_that_did_not_bite_names_no_bite() -> None:
    got = asked_alone("一只狗冲过来吓得我摔倒了，没被咬到，手掌擦破一大块皮")
    assert got.cards[:1] != (BITE,)


def test_a_bite_with_spreading_redness_and_fever_still_calls_now() -> None:
    got = asked_alone(
        "the monkey scratch on my wrist is spreading red up my arm and I've got chills and a fever"
    )
    assert got.kind != "card"
