"""A turn that names a condition by its name gets the doctor beside the travel expert the travel
words choose (named_route_rule_2026-12-05.md). Phrasings written after the change; one more,
"my son has conjunctivitis, can we still go to Universal Studios?", names no card (the doctor is
a skin doctor) and stays with the itinerary expert."""

from __future__ import annotations

import pytest

from config.settings import Settings
from tests.unit.test_graph import routed_experts


@pytest.mark.parametrize(
    ("text", "doctor"),
    [
        (
            "we were booked for Hong Kong Disneyland on Friday but my daughter has chickenpox, "
            "should we cancel?",
            True,
        ),
        ("孩子得了手足口病，后天的上海迪士尼门票能改期吗", True),
        ("head lice again! which hostel in Hanoi washes bedding daily?", True),
        ("which resort in Krabi has the biggest pool?", False),
        ("下周长隆的门票可以改日期吗", False),
    ],
)
async def test_a_named_condition_brings_the_doctor(
    fake_settings: Settings, text: str, doctor: bool
) -> None:
    experts = await routed_experts(fake_settings, f"nr-{text[:8]}", text)
    assert ("medical" in experts) is doctor
