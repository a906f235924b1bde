"""An animal's scratch or a bat tells enough for the bite card (same-day rabies care), not "too
vague: tell me where and what it looks like" (animal_scratch_vague_rule_2026-12-05.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "被猴子抓了一道，要去打针吗",
        "a monkey scratched my daughter at the temple in Bali, do we need to worry?",
        # a bat in the room: the bite card first, though not alone ("unsure" beside head lice)
        "住的竹屋里有蝙蝠，早上发现它可能碰过我",
    ],
)
def test_an_animal_scratch_reaches_the_bite_card(question: str) -> None:
    answer = asked_alone(question)
    assert answer.kind in ("card", "unsure")
    assert answer.cards[:1] == ("animal_bite_scratch",)


def test_scratching_an_itch_alone_is_still_too_vague() -> None:
    assert asked_alone("can I scratch it?").kind == "too_vague"
