"""A sign told with its own negation is a sign, a real denial stays a denial: a hand that can't
grip (握不紧, 抓不住), no strength on one side (使不上劲), can't swallow (咽不下), can't see after a
knock (看不清), a named person who does not answer or wake when called or shaken (喊外公他也不应,
"can't get my wife to respond") — agents/knowledge/negation.yaml `pseudo`,
agents/prompts/emergency_signs.yaml `consciousness`, `one_sided_limb`, `throat_voice`
(evals/medical/results/negation_signs_rule_2026-12-07f.md). Phrasings written after the change,
none from its fresh file or its scan."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.knowledge.negation import affirmed


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("姑姑右手刚才突然握不紧筷子", "one_sided_limb"),
        ("舅舅左边的手臂突然使不出力气", "one_sided_limb"),
        ("爷爷一只手突然抓不稳杯子", "one_sided_limb"),
        ("his left hand suddenly won't grip the fork", "one_sided_limb"),
        ("喊外公他也不应，呼吸很重", "consciousness"),
        ("拍了拍妈妈她都不睁眼", "consciousness"),
        ("叫了好几声她也醒不过来", "consciousness"),
        ("we can't get my wife to respond since she fell", "consciousness"),
        ("he didn't react when we pinched his arm", "consciousness"),
        ("吃了芒果，连水都吞不下去", "throat_voice"),
        ("摔了一跤磕到头，看东西有点看不清", "head_999"),
    ],
)
def test_a_sign_told_with_a_negation_is_read(text: str, group: str) -> None:
    assert group in emergency_signs().signs(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("胸口不痛，就是有点闷热", "痛"),
        ("胳膊不麻也不疼，就是晒红了", "麻"),
        ("she isn't drowsy, just hungry after the hike", "drowsy"),
        ("孩子没发烧，精神也挺好", "发烧"),
        ("呼吸没有困难，只是鼻塞", "困难"),
    ],
)
def test_a_real_denial_stays_blanked(text: str, word: str) -> None:
    assert word not in affirmed(text)


@pytest.mark.parametrize(
    "text",
    [
        "叫儿子去洗碗他也不答应，青春期真难带",
        "闹铃叫了好几次我也醒不了，倒时差好难",
        "can't get him to respond to my texts since he landed in Lima",
        "看不出有没有肿，手腕扭了一下",
    ],
)
def test_look_alikes_are_no_consciousness_or_limb_sign(text: str) -> None:
    shown = emergency_signs().signs(text)
    assert not shown & {"consciousness", "one_sided_limb"}
