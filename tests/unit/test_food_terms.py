"""Food and custom terms asked with no destination: the vetted note, or a plain "no note".

Phrasings written for these tests (2026-12-03), not taken from a served read or a split.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import agents.food_terms as food_terms_module
from agents.food_terms import food_terms, named_terms
from agents.kb_led import kb_led_answer


@pytest.mark.parametrize(
    ("question", "term", "said"),
    [
        ("So what exactly happens at an izakaya, do I have to order a lot?", "izakaya", "otoshi"),
        ("我对荞麦过敏，日本的soba能吃吗", "japanese_noodles", "过敏"),
        ("第一次吃小笼包，怎么吃才不会烫到", "xiaolongbao", "吸"),
        ("Do hawker centers in Singapore take credit cards?", "hawker_centre", "cash"),
        ("在马来西亚怎么找清真餐厅", "halal", "JAKIM"),
    ],
)
def test_a_named_term_gets_its_note_and_source(question: str, term: str, said: str) -> None:
    assert term in [t.id for t in named_terms(question)]
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    assert said in answer.text, answer.text
    assert "http" in answer.text, "the note's source is given"


GENERAL = [
    "What is the origin of pad see ew?",
    "墨西哥的卷饼一般怎么吃？",
    "Is it ok to tip in Iceland?",
]


@pytest.mark.parametrize("question", GENERAL)
def test_a_general_question_no_note_covers_is_said_plainly(question: str) -> None:
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None, "never the base model's guess"
    assert answer.kind in ("no_food_note", "no_destination"), answer.kind


def test_a_term_beside_a_destination_is_added_to_its_food_answer() -> None:
    answer = kb_led_answer("food_culture", ["去香港吃点心，推荐吃什么？"])
    assert answer is not None
    assert "香港" in answer.text
    assert "**点心**" in answer.text
    assert answer.text.index("**点心**") < answer.text.rindex("官方"), "before the sources line"


def test_words_inside_other_words_name_no_term() -> None:
    assert named_terms("I love French toast and pancakes") == []
    assert named_terms("早上吃了个小面包") == []


def test_every_note_has_both_languages_and_a_source() -> None:
    for term in food_terms():
        assert all(term.names[lang] and term.text[lang] for lang in ("zh", "en"))
        assert term.source["url"].startswith("https://")


def test_a_note_without_a_source_stops_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "food_terms.yaml"
    bad.write_text(
        "terms:\n  - id: x\n    names: {zh: 甲, en: x}\n    aliases: {zh: [甲], en: [x]}\n"
        "    text: {zh: 甲, en: x}\n    source: {name: '', url: ''}\ntexts: {}\n",
        "utf-8",
    )
    monkeypatch.setattr(food_terms_module, "TERMS_PATH", bad)
    food_terms_module._data.cache_clear()
    food_terms_module.food_terms.cache_clear()
    try:
        with pytest.raises(ValueError, match="source"):
            food_terms_module.food_terms()
    finally:
        food_terms_module._data.cache_clear()
        food_terms_module.food_terms.cache_clear()
