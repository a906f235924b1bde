"""A limb out of shape after an injury, an electric shock from a wire or power line, and a sea
sting whose swelling or pain spreads are call-now signs of the doctor's own (emergency_signs.yaml),
so a net alarm the urgent-care tier softens ends in call-now, and none is read as a minor accident;
an old joint deformity, a charging cable, an insect sting's local swelling stay calm
(evals/triage/results/escalation_edges_rule_2026-12-06j.md). "road rash" or a graze on the thigh
after a named accident is no self-harm context; a cut on the thigh still is
(thigh_graze_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from graph.triage.urgent import tells_minor_accident
from tests.unit.test_card_answer import asked_alone
from tests.unit.test_urgent_care import router, scores

CALL_NOW = [
    "被电动车撞倒了，左手腕明显变形，还擦破了一点皮",
    "he tripped down the temple steps and his ankle is pointing the wrong way, there's a graze too",
    "my daughter fell off the monkey bars and her forearm looks deformed",
    "我老公修灯的时候摸到了裸露的电线，手指上一个小黑点，现在有点心慌",
    "my son touched a downed power line on the way back to the villa, tiny burn on his hand",
    "在珊瑚礁附近被扎了一下，现在整条小腿都肿起来了",
    "got spiked by a sea urchin while surfing and the swelling is spreading up to my knee",
]
CALM = [
    "爸爸手指关节变形是老毛病了，去西安玩要注意什么",
    "I stepped on a sea urchin yesterday, a couple of black dots in my heel, no swelling",
    "数据线的外皮破了，摸到里面的电线会不会有事",
    "stung by a bee in the garden, the whole hand puffed up a bit and itches",
    "my elbow clicks when I bend it after the long hike, is that normal",
]


@pytest.mark.parametrize("text", CALL_NOW)
def test_the_doctor_calls_now_and_no_minor_accident_is_read(text: str) -> None:
    assert emergency_signs().read(text) is not None
    assert asked_alone(text).calls_now()
    assert not tells_minor_accident(text)


@pytest.mark.parametrize("text", CALM)
def test_look_alikes_raise_no_emergency_sign(text: str) -> None:
    assert emergency_signs().read(text) is None
    assert not asked_alone(text).calls_now()


THIGH_GRAZES = [
    "crashed the quad bike on the dunes, big graze on my thigh, sand in it",
    "my husband came off his e-scooter and skinned his thigh on the asphalt",
]
THIGH_CUTS = [
    "fell off the bike, the graze on my thigh is next to where I cut it last week",
    "I slipped in the kitchen and the knife cut my thigh, it's a graze really",
]


@pytest.mark.parametrize("text", THIGH_GRAZES)
def test_a_graze_on_the_thigh_after_an_accident_is_a_minor_accident(text: str) -> None:
    assert tells_minor_accident(text)
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert (decision.experts, decision.urgent) == (("medical",), True)


@pytest.mark.parametrize("text", THIGH_CUTS)
def test_a_cut_on_the_thigh_stays_self_harm_context(text: str) -> None:
    assert not tells_minor_accident(text)
    decision = router(("self_harm",), scores(0.3, 0.1, 0.4)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("下台阶的时候崴了一下摔倒，脚踝明显变形了", "limb_injury"),
        ("a weever fish got my foot in the shallows, the pain is shooting up my leg", "sea_sting"),
    ],
)
def test_each_names_its_own_first_aid(text: str, category: str) -> None:
    answer = asked_alone(text)
    assert (answer.calls_now(), answer.category) == (True, category)


def test_the_body_reacting_to_a_sea_sting_is_anaphylaxis_first() -> None:
    text = "stung by a stingray in the lagoon, my foot is swelling fast and my throat feels tight"
    answer = asked_alone(text)
    assert answer.calls_now()
    assert answer.category != "sea_sting"
    assert answer.cards[:1] == ("anaphylaxis",)
