"""A fever after mosquito bites leads with a doctor today and, until dengue is ruled out, what
dengue's own card says to take: paracetamol, not ibuprofen or aspirin
(dengue_nsaid_rule_2026-12-06.md: served read 27 r18 in Chiang Mai got the doctor-today lead and
nothing on the fever). The lines are the dengue card's own. Phrasings written after the change,
not the fresh file's."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.conditions import (
    ConditionsError,
    load_conditions,
    parse_card,
    parse_combinations,
)

HEAD = {
    "en": "**For the fever, paracetamol (acetaminophen), not ibuprofen or aspirin**",
    "zh": "**发烧先用对乙酰氨基酚（扑热息痛），不要用布洛芬或阿司匹林**",
}
UNTIL_SEEN = {"en": "**Until you are seen**", "zh": "**看医生之前**"}


def _answer(question: str) -> tuple[str, tuple[str, ...], str]:
    answer = CardLedDoctor(0.1).answer([HumanMessage(question)], [question])
    return answer.kind, answer.cards, answer.text or ""


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "three days in Siem Reap, covered in mosquito bites, and tonight I'm running a fever",
            "en",
        ),
        ("在西双版纳被蚊子咬了一身包，今天下午开始发烧", "zh"),
        (
            "my daughter got bitten by mosquitoes all over her legs in Cancun, now she has a fever",
            "en",
        ),
    ],
)
def test_a_fever_after_mosquito_bites_says_paracetamol_not_ibuprofen(
    question: str, lang: str
) -> None:
    kind, cards, text = _answer(question)
    assert (kind, cards) == ("systemic_urgent", ("insect_bites",))
    dengue = load_conditions().get("dengue_rash")
    # the dengue card's own lines, under its head, before the skin care, with its sources
    note = dengue.until_ruled_out
    assert note is not None
    assert HEAD[lang] in text
    assert all(line in text for line in note.lines[lang])
    assert text.index(HEAD[lang]) < text.index(UNTIL_SEEN[lang])
    assert "who.int" in text
    assert "cdc.gov/dengue" in text
    assert "or ibuprofen" not in text
    assert "或布洛芬" not in text


@pytest.mark.parametrize(
    "question",
    [
        "mosquito bites on my ankles from Hoi An, they itch like mad",
        "在越南被蚊子叮了几个包，不发烧，就是痒",
        "burnt my forearm on a motorbike exhaust in Chiang Mai, blistered, and now a temperature",
        "got a new tattoo in Bali last week, it's hot and swollen and I have a fever",
    ],
)
def test_no_fever_after_bites_no_note(question: str) -> None:
    _kind, _cards, text = _answer(question)
    assert HEAD["en"] not in text
    assert HEAD["zh"] not in text


def test_the_note_is_the_cards_own_lines() -> None:
    dengue = load_conditions().get("dengue_rash")
    note = dengue.until_ruled_out
    assert note is not None
    assert note.lines["en"] == (dengue.care["en"][1], dengue.do_not["en"][0])
    raw = {
        "id": "x",
        "names": {"zh": "x", "en": "x"},
        "aliases": {"zh": ["x"], "en": ["x"]},
        "looks_like": {"zh": "x", "en": "x"},
        "care": {"zh": ["x"], "en": ["x"]},
        "do_not": {"zh": ["x"], "en": ["x"]},
        "see_doctor": {"zh": ["x"], "en": ["x"]},
        "key_facts": {"zh": [["x"]], "en": [["x"]]},
        "sources": [{"org": "WHO", "title": "x"}],
        "until_ruled_out": {"head": {"zh": "x", "en": "x"}, "care": [3]},
    }
    with pytest.raises(ConditionsError):
        parse_card(raw)


def test_a_flag_says_meanwhile_only_of_a_card_with_lines_for_it() -> None:
    kb = load_conditions()
    insect = kb.get("insect_bites")
    assert any("dengue_rash" in f.meanwhile for f in insect.systemic_red_flags)
    # the sunburn card has no "until ruled out" lines: a flag naming it is refused at load
    flags = parse_combinations(
        [{"signs": ["fever"], "level": "urgent", "meanwhile": ["sunburn"]}], "test"
    )
    with pytest.raises(ConditionsError):
        kb.check_meanwhile(flags, "test")
