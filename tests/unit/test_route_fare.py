"""A fare asked for a way of getting somewhere gets the transport expert's "no fare in the KB,
check the operator" line, not only the city's hotel and meal prices
(route_fare_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import asked_gaps, kb_facts_answer

FARES = (
    "how much is the bus from the airport to downtown Seoul?",
    "杭州东站打车到西湖要多少钱",
    "what's the taxi fare from Kuta to Ubud in Bali",
)
NO_FARE = (
    "Ho bisogno di una farmacia, cosa posso fare?",
    "机票价格太贵了，有没有便宜的时间",
    "how long does the ferry to Macau take?",
)


def fare_asked(text: str) -> bool:
    lines = (str(g.get("en", "")) for g in asked_gaps(text))
    return any(line.startswith("The knowledge base has no fares") for line in lines)


@pytest.mark.parametrize("text", FARES)
def test_a_fare_asked_gets_the_no_fare_line(text: str) -> None:
    assert fare_asked(text)
    said = kb_facts_answer(text, [], "transport").text
    assert "no fares for this route" in said or "这段路的票价" in said


@pytest.mark.parametrize("text", NO_FARE)
def test_other_asks_get_no_fare_line(text: str) -> None:
    assert not fare_asked(text)
