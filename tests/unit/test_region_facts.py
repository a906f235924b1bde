"""A province or region asked about gets its KB cities and what they hold on the topic, not "no
vetted information" (region_facts_rule_2026-12-05.md; served read 22, f14). Phrasings written
after the change."""

from __future__ import annotations

from agents.kb_answer import kb_facts_answer
from agents.kb_led import kb_led_answer


def test_a_region_asked_about_altitude_gets_its_cities_altitude_lines() -> None:
    question = "Heading to Sichuan next month, will the altitude be a problem?"
    answer = kb_led_answer("practicalities", [question], True)
    assert answer is not None
    assert answer.kind == "country"
    assert "Chengdu, Jiuzhaigou" in answer.text
    assert "**Tips (Jiuzhaigou)**" in answer.text
    assert "no vetted information on Sichuan" not in answer.text


def test_a_region_with_nothing_asked_it_holds_asks_for_a_city() -> None:
    question = "云南那边的出租车好打吗"
    answer = kb_led_answer("practicalities", [question], True)
    assert answer is not None
    assert answer.kind == "country"
    assert "昆明" in answer.text
    assert "贴士（" not in answer.text


def test_a_city_asked_about_altitude_gets_its_altitude_line() -> None:
    question = "大理海拔高不高，会不会高反"
    answer = kb_facts_answer(question, [question], "practicalities")
    assert "海拔约2000米" in answer.text
    assert "参考花费" not in answer.text


def test_altitude_is_not_the_transport_experts_topic() -> None:
    """Routed to transport as well, an altitude question keeps its routes (the topic's
    `experts`), not the practicalities' altitude line alone."""
    question = "九寨沟海拔高吗，会不会高反"
    answer = kb_facts_answer(question, [question], "transport")
    assert "**怎么去**" in answer.text
