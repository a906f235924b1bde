"""Feet kept wet for hours or days — white, wrinkled, swollen, numb or sore — are immersion foot,
not sunburn or athlete's foot; athlete's foot between the toes and cold fingers stay with their
cards (immersion_foot_rule_2026-12-04q.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "after two days wading through flooded streets in Bangkok my feet are wrinkly, white and "
        "throbbing",
        "连着三天下雨，徒步鞋一直湿着，现在脚底泡得发白起皱，一踩地就疼",
    ],
)
def test_feet_wet_for_days_are_immersion_foot(question: str) -> None:
    assert asked_alone(question).cards[:1] == ("immersion_foot",)


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("itchy, flaky, cracked skin between my little toes that never goes away", "tinea_pedis"),
        ("滑雪后手指冻得发白，回暖后又红又痒又烫", "chilblains"),
    ],
)
def test_its_neighbours_keep_their_cards(question: str, card: str) -> None:
    assert asked_alone(question).cards[:1] == (card,)


def test_the_card_never_sends_immersion_foot_to_heat_or_an_antifungal() -> None:
    card = load_conditions().get("immersion_foot")
    assert {"rub_or_heat_frostbite", "antifungal"} <= set(card.avoid)
    assert any(s["org"] == "CDC" for s in card.sources)
