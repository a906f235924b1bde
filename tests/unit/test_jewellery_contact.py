"""A rash where metal jewellery, a watch or a buckle sits is contact dermatitis (nickel), not
scabies, ringworm, heat rash, a keloid or dry skin; those keep their own pictures
(jewellery_contact_rule_2026-12-04q.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "itchy red band on my wrist since I started wearing the bracelet I bought in Bali",
        "耳垂戴了新耳环以后红肿发痒，还有点渗水",
        "手表表带下面那一块皮肤老是起红疹，天热更明显",
        "red scaly itchy patch under my silver ring, it's been a week",
    ],
)
def test_a_rash_where_jewellery_sits_is_contact_dermatitis(question: str) -> None:
    assert asked_alone(question).cards[:1] == ("contact_dermatitis",)


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("晚上手指缝和手腕痒得睡不着，一起住的朋友也开始痒了", "scabies"),
        ("sweaty and itchy tiny red dots on my back and neck in the Bangkok humidity", "heat_rash"),
    ],
)
def test_its_neighbours_keep_their_own_pictures(question: str, card: str) -> None:
    assert asked_alone(question).cards[:1] == (card,)
