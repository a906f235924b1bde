"""A sight taken off a day after a plan is taken off (the plan again without it), a sight said
away by its own name is no wish through a neighbour's name in its area, and an airport's name is
no sight (day_drop_rule_2026-12-07a.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def answer(expert: str, *turns: str) -> str:
    got = kb_led_answer(expert, list(turns), True)
    assert got is not None
    return got.text


def placed(sight: str, text: str) -> bool:
    """The sight is an item of a day (a "- " line), not only in an area's name or the left-out
    line."""
    return any(line.startswith(f"- {sight}") for line in text.splitlines())


@pytest.mark.parametrize(
    ("turns", "sight", "head"),
    [
        (("苏州玩两天，帮我排个行程", "第二天拙政园不去了"), "拙政园", "不排了"),
        (("make us a 2-day plan for Bangkok", "day 2: skip Wat Arun"), "Wat Arun", "off the plan"),
        # turned down casually, no day named (sight_drop_casual_rule_2026-12-07b.md)
        (("北京玩三天，排个行程", "天坛就别去啦"), "天坛", "不排了"),
        (
            ("a 3-day plan for Kyoto, please", "let's pass on Kiyomizu-dera"),
            "Kiyomizu-dera",
            "off the plan",
        ),
        (
            ("two days in Paris please", "no need to bother with the Eiffel Tower"),
            "Eiffel Tower",
            "off the plan",
        ),
    ],
)
def test_a_sight_taken_off_a_day_is_off_the_plan(
    turns: tuple[str, str], sight: str, head: str
) -> None:
    text = answer("itinerary", *turns)
    assert head in text.split("\n", 1)[0]
    assert not placed(sight, text)
    assert sight in text  # named as left out


def test_a_neighbours_name_is_no_wish_for_a_sight_said_away() -> None:
    text = answer("itinerary", "西安三天，第二天不去城墙，想去回民街吃东西")
    assert not placed("西安城墙", text)
    assert "西安城墙" not in text.split("\n", 1)[0]


def test_bie_qu_after_the_name_is_a_refusal() -> None:
    text = answer("itinerary", "西安三天，第二天城墙就别去了，想去回民街吃东西")
    assert not placed("西安城墙", text)


@pytest.mark.parametrize(
    "question", ["黄山屯溪机场的航班晚点了，去市区怎么走", "到黄山屯溪机场后去汤口怎么走"]
)
def test_an_airports_name_is_no_sight(question: str) -> None:
    assert "屯溪老街" not in answer("transport", question)


def test_the_sight_named_keeps_its_route_line() -> None:
    assert "去屯溪老街" in answer("transport", "屯溪老街从黄山北站怎么过去")


# A sight turned down casually ("…就别去啦", "let's pass on …", "no need to bother with …") is
# dropped; after a plan a drop naming no day rebuilds the plan; "do not forget X" keeps X
# (sight_drop_casual_rule_2026-12-07b.md; phrasings written after that change).
@pytest.mark.parametrize(
    "question",
    [
        "three days in Kyoto and do not forget to visit Kiyomizu-dera",
        "two days in Kyoto, and please don't forget Kiyomizu-dera",
    ],
)
def test_do_not_forget_keeps_the_sight(question: str) -> None:
    assert placed("Kiyomizu-dera", answer("itinerary", question))


def test_an_ask_for_others_after_a_visit_is_no_rebuild() -> None:
    text = answer("itinerary", "北京玩三天，排个行程", "天坛去过了，还有什么别的地方推荐")
    assert "不排了" not in text


def test_a_city_turned_down_casually_is_not_planned() -> None:
    text = answer("itinerary", "大阪就别去了，京都排两天")
    assert text.startswith("京都")
