"""An altitude asked as a destination fact brings practicalities, which leads (its KB altitude
line) with the doctor beside; a symptom, a long-term condition or a pregnancy named keeps the
lead where it was (altitude_lead_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_answer import experts_joining, not_complaints
from agents.quiet_expert import names_health_complaint
from tests.unit.test_flight_luggage import led as route  # the doctor's route, topics joining

# the turn and who leads it: the altitude asked as a fact, practicalities (the doctor beside);
# a symptom, a long-term condition or a pregnancy named, the doctor
LEADS = {
    "拉萨到底海拔多高啊，怕高反": "practicalities",
    "what is the altitude in Jiuzhaigou valley, should we worry about altitude sickness?": (
        "practicalities"
    ),
    "丽江海拔高不高，我爸妈都快七十了": "practicalities",
    "拉萨海拔多高？我现在头痛得厉害还想吐": "medical",
    "my wife has asthma, what's the elevation of Lijiang?": "medical",
    "怀孕五个月，九寨沟海拔是多少": "medical",
}


@pytest.mark.parametrize(("text", "lead"), LEADS.items())
def test_who_leads_an_altitude_ask(text: str, lead: str) -> None:
    decision = route(text)
    assert decision.primary == lead
    if lead == "practicalities":
        assert decision.experts == ("practicalities", "medical")


def test_the_altitude_words_are_no_complaint_only_when_asked_as_a_fact() -> None:
    asked = "拉萨到底海拔多高啊，怕高反"
    assert names_health_complaint(asked)  # the words alone read as one
    assert not names_health_complaint(*not_complaints(asked))
    told = "在拉萨高反了，头疼"
    assert not_complaints(told) == (told, set())
    assert not experts_joining(told)
