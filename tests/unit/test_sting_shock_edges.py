"""A dangerous jellyfish sting is call-now with vinegar first; a leaking charger with no one hurt
is no emergency (issue 11; helper h104, phrasings written after the changes):
- a box jellyfish or Irukandji sting, a sting in the jellyfish card's tropical waters, or the
  body's reaction after a sting calls now with the box-jellyfish first aid, and a net the tier
  would soften is the emergency after all (no "see a doctor today" banner over "call 000")
  (emergency_signs.yaml `box_jellyfish_or_tropical_sting`, `jellyfish_sting_with_a_body_sign`;
  evals/triage/results/dangerous_sea_sting_rule_2026-12-07b.md);
- 漏电 of a charging or data cable, a charger or a USB port is no shock; a person shocked through
  one still is (evals/triage/results/device_leak_rule_2026-12-07b.md)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories
from config.settings import Settings
from graph.triage.urgent import tells_mild_sea_sting
from graph.urgent_care import doctor_calls_now
from tests.unit.doctor_call import card_answer

DANGEROUS_STINGS = [
    ("在凯恩斯浮潜时脚背被水母蛰到了，红了一片", "zh"),
    ("pretty sure a box jellyfish got my leg at the beach this morning", "en"),
    ("被水母蜇了十几分钟后肚子绞痛，一直冒冷汗", "zh"),
    ("my brother was stung by a jellyfish off Koh Tao and now he keeps retching", "en"),
]


@pytest.mark.parametrize(("text", "lang"), DANGEROUS_STINGS)
def test_a_dangerous_sting_calls_now_with_vinegar_first(text: str, lang: str) -> None:
    reading = emergency_signs().read(text)
    assert reading is not None
    assert reading.category == "box_jellyfish_sting"
    answer = card_answer(text)
    assert answer.calls_now()
    assert answer.text is not None
    assert ("食醋" if lang == "zh" else "vinegar") in answer.text
    assert not tells_mild_sea_sting(text)


def test_a_tropical_sting_the_tier_would_soften_is_the_emergency_after_all() -> None:
    # before: the jellyfish card's "call 000" under the banner's "see a doctor today"
    text = "a jellyfish wrapped round my arm swimming at Mission Beach, long red welts"
    calls_now, category = doctor_calls_now([HumanMessage(text)], Settings(_env_file=None))  # type: ignore[call-arg]
    assert (calls_now, category) == (True, "box_jellyfish_sting")


def test_a_stings_tight_chest_gets_the_sting_first_aid_not_aspirin() -> None:
    text = "a jellyfish caught my shoulder while snorkelling and now my chest feels tight"
    categories = escalation_categories("chest_pain", [], [text])
    assert categories[0] == "box_jellyfish_sting"
    assert "chest_pain" not in categories


@pytest.mark.parametrize(
    "text",
    [
        "水母在我小腿上扫了一下，有点痒有点红",
        "do box jellyfish show up around Port Douglas in November?",
        "如果在达尔文被水母蜇了应该怎么办",
        "海蜇皮凉拌要泡多久",
    ],
)
def test_a_mild_sting_or_a_question_stays_calm(text: str) -> None:
    assert emergency_signs().read(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "耳机线好像漏电了，戴着耳朵边上麻麻的",
        "笔记本的充电头是不是漏电，摸外壳有点刺手",
    ],
)
def test_a_leaking_cable_or_charger_with_no_one_hurt_is_no_shock(text: str) -> None:
    assert emergency_signs().read(text) is None
    assert "electric_shock" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "充电器漏电把我儿子电了一下，手上有个白点",
        "卫生间插座漏电，我妈碰到后说心跳乱了",
    ],
)
def test_a_person_shocked_stays_call_now_with_the_electric_first_aid(text: str) -> None:
    reading = emergency_signs().read(text)
    assert reading is not None
    assert reading.category == "electric_shock"
