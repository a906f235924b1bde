"""An airline, a bakery chain or a dish named after a place is not the place; the place named
on its own still is, and a beer's festival or street stays its city's
(brand_names_rule_2026-12-06h.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Japan Airlines cancelled my flight, can I rebook online?", []),
        ("日本航空的经济舱能选座吗", []),
        ("Malaysia Airlines or AirAsia to Bali?", ["bali"]),
        ("深圳航空从广州飞成都准点吗", ["guangzhou", "chengdu"]),
        ("Vietnam Airlines lounge - worth it? Then three days in Tokyo", ["tokyo"]),
        ("Is there Paris Baguette in Shanghai?", ["shanghai"]),
    ],
)
def test_a_brand_is_not_its_namesake(text: str, found: list[str]) -> None:
    assert [d.id for d in load_kb().find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Singapore Airlines to Singapore, then Bali", ["singapore", "bali"]),
        ("青岛啤酒博物馆要预约吗", ["qingdao"]),
        ("哈尔滨啤酒节在哪办", ["harbin"]),
        ("flying to Paris with Air China", ["paris"]),
    ],
)
def test_the_place_itself_stays(text: str, found: list[str]) -> None:
    assert [d.id for d in load_kb().find(text)] == found


def test_an_airline_ask_gets_no_namesake_facts() -> None:
    answer = kb_led_answer("practicalities", ["厦门航空可以带充电宝吗"])
    assert answer is not None
    assert answer.kind == "no_destination"
