"""A KB plan's food lines say the dishes were not checked for the diet, allergy or spice the turn
states, in the food answer's own words, and stay plain otherwise
(plan_food_checks_rule_2026-12-05.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

FOOD = {"zh": "当地美食可以尝", "en": "Local food to try"}
UNCHECKED = {"zh": "核实过这些菜", "en": "never checked these for"}


def food_lines(question: str, lang: str) -> list[str]:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    return [line for line in answer.text.splitlines() if FOOD[lang] in line]


@pytest.mark.parametrize(
    ("question", "lang", "said"),
    [
        ("女朋友是素食者，帮我们安排西安两天", "zh", "饮食限制"),
        ("three days in Kyoto please, my wife can't have shellfish (allergic)", "en", "allergy"),
        ("带爸妈去成都玩三天，他们吃不了辣，怎么排", "zh", "辣不辣"),
    ],
)
def test_a_stated_constraint_marks_every_food_line(question: str, lang: str, said: str) -> None:
    lines = food_lines(question, lang)
    assert lines
    assert all(UNCHECKED[lang] in line and said in line for line in lines)


@pytest.mark.parametrize(
    ("question", "lang"),
    [("北京四天怎么安排", "zh"), ("plan two days in Seoul, we eat everything", "en")],
)
def test_no_constraint_keeps_the_food_lines_plain(question: str, lang: str) -> None:
    lines = food_lines(question, lang)
    assert lines
    assert not any(UNCHECKED[lang] in line for line in lines)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what to eat in Tokyo with a daughter allergic to peanuts?", "en"),
        ("大阪有什么好吃的？我老公不吃猪肉", "zh"),
    ],
)
def test_the_itinerary_food_list_is_marked_too(question: str, lang: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "food_list"
    assert UNCHECKED[lang] in answer.text
