"""A ring that keeps spreading after woods or long grass leads with the tick-bite card and says
why before the tick steps (Lyme disease needs a doctor and antibiotics, not antifungal cream); a
scaly, itchy ring from a pet or a shared towel stays ringworm (lyme_ring_rule_2026-12-04q.md).
Phrasings written for this file after the change, on the shipped cards and retrieval."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "ten days after a forest walk in Poland I've got a pink ring on my calf that's getting "
        "wider every day, not itchy",
        "在内蒙古草原骑马回来一周，腰上有一圈红斑一天比一天大，像个靶子",
    ],
)
def test_a_spreading_ring_after_woods_or_grass_is_read_as_a_tick_bite(question: str) -> None:
    answer = asked_alone(question)
    assert answer.cards[:1] == ("tick_bite",)
    assert answer.text is not None
    # the reason for the lead comes before the care steps (which start with removing a tick)
    reason = answer.text.find("莱姆病") if "莱姆病" in answer.text else answer.text.find("Lyme")
    first_step = answer.text.find("1. ")
    assert 0 < reason < first_step


@pytest.mark.parametrize(
    "question",
    [
        "scaly itchy ring on my shoulder, getting bigger, the hostel dog has a bald patch",
        "手背上一个圆圈越来越大，边上起皮很痒，同屋的人也有",
    ],
)
def test_a_scaly_itchy_ring_from_people_or_pets_stays_ringworm(question: str) -> None:
    answer = asked_alone(question)
    assert answer.cards[:1] == ("tinea_corporis",)
