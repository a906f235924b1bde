"""A Traditional-Chinese travel turn is read as its Simplified form by the KB-led travel readers;
a Simplified or Japanese turn is read as it is (traditional_fold_rule_2026-12-07a.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.knowledge.traditional import simplified


def answer(expert: str, question: str) -> str:
    got = kb_led_answer(expert, [question], True)
    assert got is not None
    return got.text


@pytest.mark.parametrize(
    ("expert", "traditional", "simple"),
    [
        ("practicalities", "東京自助旅行緊急電話是幾號", "东京自助旅行紧急电话是几号"),
        ("transport", "在吉隆坡市內怎麼搭地鐵比較划算", "在吉隆坡市内怎么搭地铁比较划算"),
        ("transport", "從台中怎麼去日月潭", "从台中怎么去日月潭"),
    ],
)
def test_a_traditional_turn_gets_its_simplified_twins_answer(
    expert: str, traditional: str, simple: str
) -> None:
    assert answer(expert, traditional) == answer(expert, simple)


def test_the_fold_finds_the_way_the_kb_holds() -> None:
    text = answer("transport", "請教一下，從西安市區要怎麼到兵馬俑")
    assert "9号线" in text
    assert "怎么去**" not in text  # not the city's getting-there line


@pytest.mark.parametrize(
    "text",
    [
        "乾隆年间修的园子在北京哪里",  # 乾 stays (OpenCC keeps it in Simplified text)
        "东京迪士尼门票多少钱",
        "新宿駅から東京タワーまで何分ですか",  # Japanese: kana, left as written
    ],
)
def test_simplified_and_japanese_texts_are_left_as_written(text: str) -> None:
    assert simplified(text) == text


def test_the_table_folds_characters_one_for_one() -> None:
    assert simplified("廣場附近哪裡有飯館") == "广场附近哪里有饭馆"


# Taiwan / Hong Kong words for the metro and the taxi are read as the mainland ones; 士林 and 士兵
# are not taxis (regional_transport_words_rule_2026-12-07b.md; phrasings written after the change).
@pytest.mark.parametrize(
    ("regional", "mainland"),
    [
        ("在台北坐捷運要買悠遊卡嗎", "在台北坐地铁要买悠游卡吗"),
        ("香港的士可以用八達通嗎", "香港出租车可以用八达通吗"),
        ("台北叫計程車貴嗎", "台北叫出租车贵吗"),
    ],
)
def test_a_regional_word_gets_the_mainland_answer(regional: str, mainland: str) -> None:
    assert answer("transport", regional) == answer("transport", mainland)


@pytest.mark.parametrize("text", ["晚上逛台北的士林夜市", "兵马俑的士兵各不相同"])
def test_shilin_and_soldiers_are_no_taxi(text: str) -> None:
    assert simplified(text) == text


def test_a_taxi_word_is_read_as_the_mainland_one() -> None:
    assert simplified("搭的士到港鐵站") == "搭出租车到地铁站"
