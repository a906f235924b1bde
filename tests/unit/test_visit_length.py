"""How long a visit takes is no travel time: the transport answer to it is the sight's own KB
answer (its whole-day mark or a plain "no figure"), or the KB's suggested days for a city; a way
asked beside it keeps the travel time (visit_length_rule_2026-12-07a.md). Phrasings written after
the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def answer(expert: str, question: str) -> tuple[str, str]:
    got = kb_led_answer(expert, [question], True)
    assert got is not None
    return got.kind, got.text


@pytest.mark.parametrize(
    ("question", "sight", "said"),
    [
        ("北京的颐和园参观下来大约需要几个小时", "颐和园", "建议游览时长"),
        ("how much time should I budget for the Colosseum in Rome?", "Colosseum", "how long"),
        ("在西安逛城墙一般要花多长时间", "城墙", "建议游览时长"),
    ],
)
def test_a_visit_length_to_transport_is_the_sights_answer(
    question: str, sight: str, said: str
) -> None:
    kind, text = answer("transport", question)
    assert kind == "sight_ask"
    assert sight in text.split("\n", 1)[0]
    assert said in text
    assert "没有核实过的路线" not in text
    assert "no vetted route" not in text


def test_a_citys_visit_length_gets_the_kb_days() -> None:
    _, text = answer("transport", "首尔一般要待多久才玩得过来")
    assert "知识库建议首尔玩" in text
    assert "**怎么去**" not in text


def test_a_split_visit_ask_to_the_itinerary_names_the_sight() -> None:
    kind, _ = answer("itinerary", "去西安逛城墙一般要花几个小时")
    assert kind == "sight_ask"


@pytest.mark.parametrize(
    "question",
    ["从北京市区到颐和园坐地铁要多久", "how long is the ride from Seoul Station to Gyeongbokgung?"],
)
def test_a_travel_time_keeps_the_transport_answer(question: str) -> None:
    kind, _ = answer("transport", question)
    assert kind != "sight_ask"


# "how much" inside "how much time" asks no ticket price; a price asked beside it still does
# (time_not_ticket_rule_2026-12-07b.md; phrasings written after that change).
@pytest.mark.parametrize(
    ("question", "prices"),
    [
        ("how much time would the Temple of Heaven in Beijing take us?", False),
        ("in Kyoto, how much time to allow for Kinkaku-ji?", False),
        ("how much is entry to Kinkaku-ji in Kyoto and how much time does it take?", True),
    ],
)
def test_how_much_time_is_no_ticket_ask(question: str, prices: bool) -> None:
    _, text = answer("itinerary", question)
    assert "how long a visit takes" in text
    assert ("ticket prices" in text) is prices
