"""A lost or stolen passport brings the practicalities expert, whatever the classifier reads
(lost_passport_route_rule_2026-12-05d.md); its answer says what to do. Phrasings written after
the change."""

from __future__ import annotations

import pytest

from config.settings import Settings
from tests.unit.test_graph import routed_experts


@pytest.mark.parametrize(
    ("text", "joins"),
    [
        ("our passports were stolen from the rental car in Naples, help", True),
        ("在清迈把护照弄丢了，下周三的航班", True),
        ("what do I do now, my passport got stolen on the beach in Goa", True),
        ("I lost my sunglasses somewhere in Rome", False),
        ("my son has a rash on his legs after the pool in Phuket", False),
    ],
)
async def test_a_lost_passport_brings_practicalities(
    fake_settings: Settings, text: str, joins: bool
) -> None:
    experts = await routed_experts(fake_settings, f"lp-{text[:8]}", text)
    assert ("practicalities" in experts) is joins
