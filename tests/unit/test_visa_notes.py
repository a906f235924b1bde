"""A visa asked of a destination whose KB entry has a visa note gets that note's clauses and
the check-the-official-source line, not "the KB has no visa rules"; a passport asked of without
a visa, or another passport named, keeps the plain line (visa_notes_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

NO_RULES = ("no visa or entry rules", "签证和入境政策知识库里没有")
CHECK = ("immigration authority or embassy", "目的地移民部门或使馆的官方说明为准")


def answer(question: str, expert: str = "practicalities") -> str:
    found = kb_led_answer(expert, [question])
    assert found is not None
    return found.text


@pytest.mark.parametrize(
    ("question", "note"),
    [
        ("我拿中国护照，去纽约旅游要不要签证", "中国护照需美国签证"),
        ("Chinese passport - is Kuala Lumpur visa-free right now?", "visa-exempt"),
        ("去罗马玩要办什么签证", "申根签证"),
        ("悉尼旅游签证难办吗", "澳大利亚访客签证"),
        ("Is an e-visa needed for Da Nang?", "Vietnamese e-visa"),
        ("普吉岛免签吗", "中泰互免签证"),
    ],
)
def test_a_visa_ask_gets_the_kb_note_and_where_to_check(question: str, note: str) -> None:
    text = answer(question)
    assert note in text
    assert any(c in text for c in CHECK)
    assert not any(n in text for n in NO_RULES)


def test_the_note_is_its_clause_not_the_airports_around_it() -> None:
    text = answer("Paris visa for a Chinese passport holder?")
    assert "Schengen visa" in text
    assert "RER B" not in text


@pytest.mark.parametrize(
    "question",
    [
        "Do New Zealanders need a visa for Seoul?",
        "I'm Canadian - visa for Istanbul?",
        "德国护照去新加坡要签证吗",
        "Is Sydney visa-free for EU citizens?",
    ],
)
def test_another_passport_keeps_the_plain_line(question: str) -> None:
    text = answer(question)
    assert any(n in text for n in NO_RULES)
    assert "Chinese passport" not in text
    assert "中国护照" not in text


@pytest.mark.parametrize(
    "question", ["去迪拜的商场要带护照吗", "Do I need my passport to buy a SIM card in Hanoi?"]
)
def test_a_passport_without_a_visa_keeps_the_plain_line(question: str) -> None:
    text = answer(question)
    assert any(n in text for n in NO_RULES)


def test_a_place_with_no_note_keeps_the_plain_line() -> None:
    assert any(n in answer("去澳门要签证吗") for n in NO_RULES)
    assert any(n in answer("去成都需要签证吗") for n in NO_RULES)


def test_a_route_answer_shows_the_note_once() -> None:
    text = answer("香港机场到市区怎么走，内地居民去香港要签证吗", "transport")
    assert text.count("港澳通行证") == 1
    assert any(c in text for c in CHECK)
