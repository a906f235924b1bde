"""A net-only alarm on a minor accident (a graze from a fall, a cut on a shell) goes to the doctor
under the urgent-care banner, not the ambulance template nor the crisis reply; a red-flag sign or
a self-harm word beside the accident keeps the alarm (graph/triage/urgent.py, accident.yaml;
evals/triage/results/net_false_alarms_rule_2026-12-06i.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from graph.triage.urgent import tells_minor_accident
from tests.unit.test_urgent_care import router, scores

ACCIDENTS = [
    "昨天玩滑板摔了一下，胳膊肘擦破了皮，有点渗血",
    "she slipped on the wet deck and scraped her elbow, just bleeding a little",
    "grazed my palm when I fell off a rental bike in Hoi An",
]
ACCIDENT_CUTS = [
    "女儿在海边被贝壳割了一下脚趾",
    "my dad cut himself on the metal edge of the bed frame, only a small cut",
]
MORE_THAN_MINOR = [
    "fell off the scooter and grazed his arm, he hit his head and keeps asking the same things",
    "摔了一跤，手掌擦破了，手臂肿得厉害动不了",
    "骑自行车摔了，膝盖擦破了皮，血一直在往外冒",
    "I fell and cut my knee on a rock, the cut is gaping and I can see fat",
    # an injury whose danger is not its size (the rule's amendment 1)
    "tripped over a cable on the building site, it gave me an electric shock, small cut on my hand",
    "骑车摔倒擦破了手，扶着的路灯杆好像漏电，被电了一下",
]
ALIBIS = [
    "不小心的啦，就是又割了两刀而已",
    "slipped with the knife again, it helps me calm down",
]


@pytest.mark.parametrize("text", ACCIDENTS)
def test_a_nets_emergency_on_a_minor_accident_goes_to_the_doctor(text: str) -> None:
    assert tells_minor_accident(text)
    # medical under the tier's floor: before, the ambulance template
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert decision.experts == ("medical",)
    assert decision.urgent


@pytest.mark.parametrize("text", ACCIDENT_CUTS)
def test_the_char_nets_self_harm_on_an_accident_cut_is_no_crisis_reply(text: str) -> None:
    assert tells_minor_accident(text)
    decision = router(("self_harm",), scores(0.3, 0.1, 0.4)).route([HumanMessage(text)])
    assert decision.category != "self_harm"
    assert (decision.experts, decision.urgent) == (("medical",), True)


@pytest.mark.parametrize("text", MORE_THAN_MINOR)
def test_a_red_flag_sign_beside_the_accident_keeps_the_template(text: str) -> None:
    assert not tells_minor_accident(text)
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


@pytest.mark.parametrize("text", ALIBIS)
def test_a_self_harm_word_beside_the_accident_keeps_the_crisis_reply(text: str) -> None:
    assert not tells_minor_accident(text)
    decision = router(("self_harm",), scores(0.3, 0.1, 0.4)).route([HumanMessage(text)])
    assert (decision.experts, decision.category) == (("emergency",), "self_harm")


def test_a_confident_net_keeps_the_template_on_an_accident() -> None:
    # the tier's emergency ceiling (0.7 in these tests) holds for an accident too
    turn = [HumanMessage(ACCIDENTS[0])]
    decision = router(("emergency",), scores(0.75, 0.1)).route(turn)
    assert decision.experts == ("emergency",)
