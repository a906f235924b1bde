"""Everyday wordings of four emergency signs (agents/prompts/emergency_signs.yaml `fever`,
`burn_deep`, `seizure`, `consciousness`; agents/knowledge/negation.yaml `pseudo`;
evals/medical/results/sign_gaps_rule_2026-12-07d.md). Phrasings written after the change, none
from its fresh files."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "my wife's temperature still isn't coming down after two doses of paracetamol",
        "we just can't get her temp down, it's day three",
        "the toddler's temp keeps climbing tonight",
        "老妈的烧一直还没退，吃药也压不住",
        "孩子烧退了又烧，已经第三次了",
    ],
)
def test_a_fever_told_by_its_course_is_a_fever(text: str) -> None:
    assert "fever" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "the pool temperature won't drop below 31 and my eczema flares",
        "the bruise from the fall won't come down, is arnica OK?",
        "烧过的地方红印一直退不下去",
        "can't get the temperature down in our Airbnb, any tips for heat rash?",
    ],
)
def test_a_room_a_bruise_or_a_burn_mark_is_no_fever(text: str) -> None:
    assert "fever" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "after hours snowshoeing her fingertips are white and numb",
        "从冰冷的海水里拉上来，他整个人发白",
    ],
)
def test_white_from_the_cold_is_no_deep_burn(text: str) -> None:
    assert "burn_deep" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "the steam from the pressure cooker burned her arm and it's gone white in the middle",
        "不小心被沸水浇到脚背，那块皮肤发白了",
    ],
)
def test_white_with_a_burn_told_is_still_deep(text: str) -> None:
    assert "burn_deep" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "奶奶在高铁上突然全身抽起来了",
        "我女儿刚才抽了大概一分钟，嘴唇有点紫",
        "爸爸吃着饭猛地抽了起来",
    ],
)
def test_a_fit_told_in_spoken_chinese_is_a_seizure_and_a_changed_consciousness(text: str) -> None:
    shown = emergency_signs().signs(text)
    assert {"seizure", "consciousness"} <= shown


@pytest.mark.parametrize(
    "text",
    [
        "他戒了半年烟又抽起来了，嘴唇干裂怎么办",
        "听完那个段子大家笑得浑身抽，我脸上的痘痘更红了",
        "最近全身抽痛，会不会是湿疹引起的",
        "手腕抽血的地方青了一块",
    ],
)
def test_smoking_laughing_an_ache_or_a_blood_test_is_no_fit(text: str) -> None:
    shown = emergency_signs().signs(text)
    assert "seizure" not in shown
    assert "consciousness" not in shown


@pytest.mark.parametrize(
    "text",
    [
        "since the fall my uncle keeps drifting off while we talk to him",
        "she's slipping in and out and her lips look grey",
        "my son can hardly keep his eyes open and he's burning up",
        "跟爷爷说话他都回答不上来，眼睛半睁着",
        "喊外公好几声也没啥反应",
        "早上叫他叫不怎么醒，嘴里有酒味",
    ],
)
def test_drowsiness_told_these_ways_is_a_changed_consciousness(text: str) -> None:
    assert "consciousness" in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "I can't keep my eyes open after the red-eye to Lisbon",
        "my husband keeps dozing off after the long flight to Sydney, is his rash jet lag?",
        "问他这家店几点关门他也答不上来",
        "闹钟都叫不太醒我，时差太难倒了",
    ],
)
def test_a_tired_traveller_or_an_unknown_answer_is_no_sign(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)
