"""Dive, water-impact, seizure and frostbite wordings the sign groups missed or misread
(agents/prompts/emergency_signs.yaml `dived`, `dive_struck`, `consciousness`, `seizure`;
emergency_categories.yaml `explains`; evals/medical/results/dive_seizure_words_rule_2026-12-07f.md).
A fast ascent told without a dive word is a dive; a jump from a height that struck the water flat
is the spine's picture; a fit told as "fitted", "had another fit" or 抽筋 of the whole body is a
seizure, a leg cramp or "gave me a seizure lol" is not; frostbite with laboured breathing gets the
cold's first aid, not "sit upright". Phrasings written after the change, none from its fresh
file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs
from agents.responders import first_aid_categories
from tests.unit.doctor_call import card_answer


def category(text: str) -> str | None:
    reading = emergency_signs().read_thread([text])
    return None if reading is None else reading.category


def calls_now(text: str) -> bool:
    return card_answer(text).calls_now()


@pytest.mark.parametrize(
    "text",
    [
        "I bolted up from the wreck when my regulator failed and now both knees ache",
        "we dove down to 22 m before lunch and now my shoulders hurt and my hand is numb",
        "跳过了安全停留直接上来，现在胳膊发麻，关节疼",
        "my buddy had an uncontrolled ascent, now he has a mottled rash on his chest",
    ],
)
def test_a_fast_ascent_told_without_a_dive_word_is_decompression(text: str) -> None:
    assert category(text) == "decompression_sickness"


@pytest.mark.parametrize(
    "text",
    [
        "my fever shot up from 38 to 39.5 overnight and my knees ache",
        "a rapid ascent to 3800 m yesterday and now my fingers tingle",
        "电梯升上去以后耳朵闷，膝盖也疼",
    ],
)
def test_no_dive_no_decompression(text: str) -> None:
    assert category(text) != "decompression_sickness"


@pytest.mark.parametrize(
    "text",
    [
        "he back-flopped off the jetty and now his neck really hurts",
        "他从桥上跳下来，背拍在水面上，现在后背疼得厉害",
    ],
)
def test_a_flat_landing_from_a_height_gets_the_spines_first_aid(text: str) -> None:
    assert first_aid_categories([], [text])[:1] == ["head_injury"]
    assert calls_now(text)


def test_a_belly_flop_in_a_pool_is_no_spine() -> None:
    text = "I belly-flopped in the kiddie pool and my tummy stings, it's all red"
    assert "head_injury" not in first_aid_categories([], [text])
    assert not calls_now(text)


@pytest.mark.parametrize(
    "text",
    [
        "our daughter fitted again an hour after the first one",
        "my uncle has been having fits on the coach all afternoon",
        "女儿发烧，浑身抽筋",
        pytest.param(
            "小宝抽筋不停，嘴唇也发紫了",
            # 抽筋 counts only with a person the turn names (孩子, 宝宝, 他 …): 小宝 is not among
            # them, a gap left (dive_seizure_words_rule_2026-12-07f.md, notes)
            marks=pytest.mark.xfail(strict=True, reason="抽筋: 小宝 not a named person"),
        ),
    ],
)
def test_a_fit_in_other_words_calls_now_with_the_seizures_first_aid(text: str) -> None:
    assert calls_now(text)
    assert first_aid_categories([], [text])[:1] == ["seizure"]


@pytest.mark.parametrize(
    "text",
    [
        "我大腿抽筋了，拉伸一下会好点吗",
        "the wetsuit fitted well but I have a rash on my neck",
        "my dad will have a fit about the bill, also my arms are itchy",
        "the room price nearly gave me a seizure lmao, my arms are itchy",
    ],
)
def test_a_cramp_or_an_idiom_is_no_seizure(text: str) -> None:
    assert not calls_now(text)
    assert "seizure" not in first_aid_categories([], [text])


def test_an_angry_fit_does_not_call_now() -> None:
    # the `seizure` group's own "had a fit" (before this change) still reads it: it names a first
    # aid only for a turn something else escalated
    assert not calls_now(
        "my sister had a fit when I showed her the photos, anyway my lips are chapped"
    )


def test_a_medicine_that_gave_a_seizure_still_calls_now() -> None:
    assert calls_now("this new antibiotic gave me a seizure an hour ago")


@pytest.mark.parametrize(
    ("named", "text"),
    [
        (
            ["breathing_difficulty"],
            "my mate's fingers are frostbitten and he's struggling to breathe",
        ),
        (["breathing_difficulty"], "爬雪山冻伤了脚，现在呼吸困难"),
    ],
)
def test_frostbite_with_laboured_breathing_gets_the_colds_first_aid(
    named: list[str], text: str
) -> None:
    found = first_aid_categories(named, [text])
    assert found[0] == "hypothermia_drowning"
    assert "breathing_difficulty" not in found


def test_chilblains_with_breathlessness_keep_the_breathing_first_aid() -> None:
    text = "I have chilblains on my toes and I'm struggling to breathe after the stairs"
    assert first_aid_categories(["breathing_difficulty"], [text])[0] == "breathing_difficulty"


# amendment 1 (breathing_infix_rule_2026-12-07f.md): 呼吸 + a degree word + 困难
@pytest.mark.parametrize("text", ["他冻伤了脚，呼吸非常困难", "在雪山上冻伤了手，呼吸越来越困难"])
def test_frostbite_with_breathing_told_with_a_degree_word(text: str) -> None:
    assert calls_now(text)
    assert first_aid_categories(["breathing_difficulty"], [text])[0] == "hypothermia_drowning"


@pytest.mark.parametrize(
    "text", ["练瑜伽时深呼吸很困难，手腕起了湿疹", "爬山时呼吸会很困难吗？脸上有点晒伤"]
)
def test_deep_breathing_or_a_question_is_no_breathing_sign(text: str) -> None:
    assert not calls_now(text)
