"""A food allergy said with words between the allergen and 过敏 ("对坚果特别严重地过敏") is still
that allergy: the allergy line, no unmarked dish list, and the auto-injector sentence (NHS)
(allergy_gap_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

INJECTOR = {"zh": "肾上腺素笔", "en": "adrenaline auto-injectors"}
LINE = {"zh": "**过敏**", "en": "**Allergy**"}


@pytest.mark.parametrize(
    ("question", "lang", "dish"),
    [
        ("女儿对腰果非常严重地过敏，在普吉岛吃饭要注意什么", "zh", None),
        ("我对螃蟹一吃就过敏，去厦门吃东西要小心什么？", "zh", "海蛎煎"),
        (
            "eating out in Kuala Lumpur with a bad peanut allergy — what should I watch for?",
            "en",
            None,
        ),
    ],
)
def test_an_allergy_with_words_between_gets_the_allergy_line(
    question: str, lang: str, dish: str | None
) -> None:
    answer = kb_led_answer("food_culture", [question])
    assert answer is not None
    text = answer.text
    assert LINE[lang] in text
    assert INJECTOR[lang] in text
    if dish:  # named only inside the KB's own allergy tip, never as a plain dish to try
        assert "**当地美食**" not in text


def test_no_allergy_no_allergy_line() -> None:
    answer = kb_led_answer("food_culture", ["普吉岛有什么好吃的海鲜？"])
    assert answer is not None
    assert "过敏" not in answer.text
