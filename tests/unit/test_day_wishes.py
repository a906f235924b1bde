"""A plan ask that gives days their own wishes puts each on its day, and a length said in the
same turn is read (day_wishes_rule_2026-12-06.md: "第一天想去西湖，第二天想去灵隐寺" put both on day
1). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def _days(text: str) -> list[str]:
    """Each day's block of a rendered plan, in order."""
    blocks = text.split("\n\n")
    return [b for b in blocks if b.startswith(("**第", "**Day"))]


@pytest.mark.parametrize(
    ("question", "wishes"),
    [
        ("杭州玩两天：第一天去灵隐寺，第二天去西湖", {0: "灵隐寺", 1: "西湖"}),
        ("成都三天，第二天去宽窄巷子，第三天去都江堰", {1: "宽窄巷子", 2: "都江堰"}),
        (
            "3 days in Beijing: day 1 the Summer Palace, day 3 the Great Wall",
            {0: "Summer", 2: "Wall"},
        ),
    ],
)
def test_each_day_gets_its_own_wish(question: str, wishes: dict[int, str]) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    days = _days(answer.text)
    for index, word in wishes.items():
        assert word in days[index], (index, word, answer.text)


def test_a_length_said_with_a_day_wish_is_the_plan_length() -> None:
    answer = kb_led_answer("itinerary", ["北京玩四天，第二天想去长城"], True)
    assert answer is not None
    assert len(_days(answer.text)) == 4
    assert "长城" in _days(answer.text)[1]


def test_a_day_mention_alone_is_no_length() -> None:
    answer = kb_led_answer("itinerary", ["帮我规划三天的北京行程", "最后一天换成颐和园"], True)
    assert answer is not None
    assert len(_days(answer.text)) == 3
    assert "颐和园" in _days(answer.text)[2]
