"""A way from a KB city to a place the KB does not hold gets a plain "no vetted information on
the place" and only the city's own clauses that name it, never the city's getting-there line
(unheld_place_rule_2026-12-07a.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def transport(question: str) -> str:
    """The transport expert's KB-led text ("" when the model would answer)."""
    return getattr(kb_led_answer("transport", [question], True), "text", "")


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("从南京出发到扬州坐什么车方便", "扬州"),
        ("cheapest way from Kyoto to Kanazawa?", "Kanazawa"),
        ("从广州到肇庆要多久", "肇庆"),
    ],
)
def test_a_place_the_kb_lacks_gets_the_plain_gap(question: str, place: str) -> None:
    text = transport(question)
    assert place in text.split("\n", 1)[0]
    assert "**怎么去**" not in text
    assert "**Getting there**" not in text


def test_the_citys_own_clause_naming_the_place_is_kept() -> None:
    text = transport("从厦门出发到福州大概多长时间")
    assert "福州约1小时" in text


@pytest.mark.parametrize(
    "question",
    [
        "从南京到上海坐高铁要多久",
        "from Kyoto station to Kiyomizu-dera by bus?",
        "从重庆去武隆怎么走",
    ],
)
def test_a_kb_place_keeps_its_answer(question: str) -> None:
    assert "no vetted information on" not in transport(question)
    assert "的核实信息" not in transport(question)


# Every travel expert, not only transport: no plan, list, dishes, tips or lodging of the city set
# off from as the place's (unheld_any_expert_rule_2026-12-07b.md; phrasings written after).
@pytest.mark.parametrize(
    ("expert", "question", "place", "not_said"),
    [
        ("itinerary", "从上海去千岛湖玩两天怎么排", "千岛湖", "外滩"),
        ("food_culture", "from Kyoto to Kanazawa, which seafood is a must?", "Kanazawa", "Yudofu"),
        ("accommodation", "从广州到肇庆，住哪一带好", "肇庆", "广州住宿"),
    ],
)
def test_every_expert_says_the_place_is_not_held(
    expert: str, question: str, place: str, not_said: str
) -> None:
    got = kb_led_answer(expert, [question], True)
    assert got is not None
    assert place in got.text.split("\n", 1)[0]
    assert not_said not in got.text
