"""An emergency escalated with the right first aid, and a serious-but-not-ambulance case given
urgent care (issues 11, 15; helper h102, phrasings written after the changes):
- a net-only alarm on a jellyfish sting with no call-now sign is the doctor's jellyfish answer under
  the urgent-care banner (graph/triage/urgent.py `tells_mild_sea_sting`, sea_sting.yaml;
  evals/triage/results/mild_sea_sting_rule_2026-12-07a.md);
- an electric shock gets the electric shock's first aid — switch off, don't touch, cool, a heart
  check (emergency_categories.yaml `electric_shock`, emergency_signs.yaml
  `electric_shock_with_a_sign`; evals/triage/results/electric_shock_rule_2026-12-07a.md);
- the doctor's answer to a heart, lung or blood-pressure condition (or a pregnancy) and a high
  place carries the CDC "see your own doctor before going" line
  (evals/medical/results/altitude_condition_rule_2026-12-07a.md)."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from agents.responders import category_escalation, escalation_categories
from graph.safety import check_turn
from graph.triage.urgent import tells_mild_sea_sting
from tests.unit.doctor_call import card_answer
from tests.unit.test_urgent_care import router, scores

MILD_STINGS = [
    "摸了沙滩上搁浅的水母，手指现在又红又刺痛",
    "a jellyfish tentacle wrapped round my ankle while paddling, red stripes and a burning sting",
    "浮潜时脚踝碰到海蜇，起了一串红疙瘩，又痒又疼",
]
STINGS_THAT_CALL_NOW = [
    "stung by a box jellyfish off Cairns, red lines on my shin",
    "被水母蜇了以后一直恶心想吐",
    "a jellyfish got my arm and now my throat feels tight",
    "被水母蜇到后整条胳膊都肿了，还越来越肿",
]


@pytest.mark.parametrize("text", MILD_STINGS)
def test_a_nets_alarm_on_a_mild_jellyfish_sting_goes_to_the_doctor(text: str) -> None:
    assert tells_mild_sea_sting(text)
    # medical under the tier's floor: before, the ambulance template ("give no food or drink")
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert (decision.experts, decision.urgent) == (("medical",), True)
    answer = card_answer(text)
    assert answer.cards[:1] == ("jellyfish_sting",)
    assert not answer.calls_now()


@pytest.mark.parametrize("text", STINGS_THAT_CALL_NOW)
def test_a_sting_with_a_call_now_sign_keeps_the_template(text: str) -> None:
    assert not tells_mild_sea_sting(text)
    # a red-flag rule (run before the router: sting + feeling sick is anaphylaxis's) or the router
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert check_turn(text, [], []).emergency or decision.experts == ("emergency",)


def test_a_sting_in_the_jellyfish_cards_tropical_places_keeps_the_alarm() -> None:
    # amendment 1: the card's own regional note (tropical northern Australia) says call 000
    text = "a jellyfish got my shin snorkelling off Fitzroy Island, a couple of red lines"
    assert not tells_mild_sea_sting(text)
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


def test_a_confident_net_keeps_the_template_on_a_mild_sting() -> None:
    text = MILD_STINGS[1]
    decision = router(("emergency",), scores(0.85, 0.1)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


SHOCKS = [
    ("插吹风机的时候被插座电了，手指头上有个小黑点", "zh"),
    ("my son got zapped by a loose light switch and now says his heart is pounding", "en"),
    ("got a shock off the toaster at breakfast, there's a little burn on my thumb", "en"),
]


@pytest.mark.parametrize(("text", "lang"), SHOCKS)
def test_a_shock_with_a_sign_calls_now_with_the_electric_first_aid(text: str, lang: str) -> None:
    reading = emergency_signs().read(text)
    assert reading is not None
    assert reading.category == "electric_shock"
    answer = card_answer(text)
    assert answer.calls_now()
    assert answer.text is not None
    words = ("切断电源", "关掉开关", "心电图") if lang == "zh" else ("switch off", "ECG")
    assert any(w in answer.text for w in words)


def test_a_template_escalation_of_a_shock_names_the_electric_first_aid() -> None:
    # a net or a burn rule escalated it: the severe-burn advice gives way, the heart's stays
    text = "朋友在工地摸到电线被电了一下，现在胸口疼"
    categories = escalation_categories("severe_burn", ["chest_pain"], [text])
    assert categories[0] == "electric_shock"
    assert "severe_burn" not in categories
    assert "chest_pain" in categories
    assert escalation_categories(None, [], ["got electrocuted by a frayed lamp cord"]) == [
        "electric_shock"
    ]
    advice = category_escalation(["electric_shock"]).advice[0]
    assert "switch off" in advice["en"]
    assert "ECG" in advice["en"]
    assert "心电图" in advice["zh"]


@pytest.mark.parametrize(
    "text",
    [
        "吹风机的线破了皮，我拿的时候碰到了，手到现在还发麻",
        "was unplugging the heater and got a sharp zap from it, fingers still tingling",
    ],
)
def test_a_shock_told_source_first_gets_the_electric_first_aid(text: str) -> None:
    # amendment 2: the source named before the contact, the effect after it
    assert escalation_categories(None, [], [text]) == ["electric_shock"]


@pytest.mark.parametrize(
    "text",
    [
        "冬天摸门把手老被静电电一下",
        "手机充电的时候摸着手机壳麻麻的，是不是充电器坏了",
        "we lost power last night, the whole street had a blackout",
        "I was shocked by how expensive the taxi from the airport was",
        "家里停电了，冰箱里的东西还能吃吗",
    ],
)
def test_static_a_cable_a_power_cut_or_a_feeling_is_no_shock(text: str) -> None:
    assert "electric_shock" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("我妈有冠心病，想去拉萨看布达拉宫，会不会有危险", "先问自己的医生"),
        (
            "I'm asthmatic and heading to Jiuzhaigou next month, how bad will the altitude be?",
            "see their own doctor before going",
        ),
        ("怀孕四个月了，去拉萨会高反吗", "产科医生"),
    ],
)
def test_a_condition_and_a_high_place_get_the_see_your_doctor_line(text: str, line: str) -> None:
    answer = card_answer(text)
    assert answer.text is not None
    assert line in answer.text
    assert not answer.calls_now()


def test_a_condition_and_a_low_place_get_no_altitude_line() -> None:
    text = "有高血压，去厦门鼓浪屿玩要注意什么"
    answer = card_answer(text)
    assert answer.text is None or "高海拔" not in answer.text
