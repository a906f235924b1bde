"""A condition the user says they have leads over the care topic retrieval put first (acne and
"what skincare on the trip"); a plain care ask, or one beside a condition told as past, stays
with the topic (condition_over_topic_rule_2026-12-04q.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("my daughter's acne is bad, which moisturiser should she pack for Bali?", "acne"),
        ("银屑病患者去海边度假，防晒霜怎么挑", "psoriasis"),
        # 干皮 is the dry-skin card's own alias: its care (short lukewarm showers, emollients)
        ("干皮去新疆旅游护肤品怎么带", "xerosis"),
    ],
)
def test_a_named_condition_leads_over_the_care_topic(question: str, lead: str) -> None:
    assert asked_alone(question).cards[:1] == (lead,)


@pytest.mark.xfail(
    strict=True,
    reason="冒痘 alone is none of the acne card's words (脸上冒痘 is): the rule needs the user to "
    "name the condition in the card's own words; aliases are retriever inputs, not changed here",
)
def test_acne_said_as_mao_dou_leads_over_skincare() -> None:
    assert asked_alone("下巴一直冒痘，出差一周带什么护肤品合适").cards[:1] == ("acne",)


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("which sunscreen is best for a toddler at the beach in Phuket?", "sun_protection"),
        (
            "my mum had a melanoma removed two years ago, what sunscreen should she use in Spain?",
            "sun_protection",
        ),
    ],
)
def test_a_plain_care_ask_stays_with_the_topic(question: str, lead: str) -> None:
    assert asked_alone(question).cards[:1] == (lead,)
