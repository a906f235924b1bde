"""A fever in a place with dengue: no card's "paracetamol or ibuprofen", but the dengue card's
own "paracetamol only, no ibuprofen, aspirin or other NSAIDs" until a doctor has ruled dengue out
(WHO, CDC, NHS "Dengue"; fever_nsaid_areas_rule_2026-12-06.md: hand, foot and mouth with a fever
in Kuala Lumpur was told ibuprofen). The places are the destinations marked `dengue_risk` and
the note's own place words; a fever after sandfly bites is a doctor today, and in such a place
says the same. Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.fever_areas import fever_area_notes
from agents.knowledge import load_kb
from agents.knowledge.conditions import (
    ConditionKB,
    ConditionsError,
    load_conditions,
    parse_card,
    parse_combinations,
)

HEAD = {
    "en": "**For the fever, paracetamol (acetaminophen), not ibuprofen or aspirin**",
    "zh": "**发烧先用对乙酰氨基酚（扑热息痛），不要用布洛芬或阿司匹林**",
}
CARE = {"en": "**What you can do**", "zh": "**可以这样做**"}
IBUPROFEN = {"en": "or ibuprofen", "zh": "或布洛芬"}


def _answer(*turns: str) -> tuple[str, tuple[str, ...], str]:
    answer = CardLedDoctor(0.1).answer([HumanMessage(t) for t in turns], list(turns))
    return answer.kind, answer.cards, answer.text or ""


def _says_the_area_note(text: str, lang: str) -> None:
    note = load_conditions().get("dengue_rash").until_ruled_out
    assert note is not None
    assert note.area is not None
    assert note.text(lang, in_area=True) in text  # the area head, then the card's own lines
    assert IBUPROFEN[lang] not in text  # no care line offers ibuprofen
    assert "cdc.gov/dengue" in text


@pytest.mark.parametrize(
    ("turns", "lang", "card"),
    [
        (
            (
                "on holiday in Singapore, my toddler is feverish and has blisters on the soles "
                "of her feet and ulcers in her mouth",
            ),
            "en",
            "hand_foot_mouth",
        ),
        (("在三亚，儿子发烧39度，嘴里有溃疡，手掌上也有红点点",), "zh", "hand_foot_mouth"),
        (
            (
                "we're backpacking round Cambodia",
                "my boyfriend has had a fever, a runny nose and sore red eyes for three days, and "
                "today blotchy red-brown spots came up on his face and behind his ears",
            ),
            "en",
            "measles",
        ),
    ],
)
def test_a_card_answer_in_a_dengue_area_with_a_fever(
    turns: tuple[str, ...], lang: str, card: str
) -> None:
    _kind, cards, text = _answer(*turns)
    assert cards[0] == card
    _says_the_area_note(text, lang)
    assert text.index(HEAD[lang]) < text.index(CARE[lang])


@pytest.mark.parametrize(
    ("question", "lang", "card"),
    [
        ("在深圳海边晒得通红，今晚发烧了", "zh", "sunburn"),
        (
            "lots of sandfly bites on my legs after an evening on the beach in Phuket, and now "
            "I have a fever and chills",
            "en",
            "sandfly_bites",
        ),
    ],
)
def test_a_doctor_today_in_a_dengue_area_says_it_too(question: str, lang: str, card: str) -> None:
    kind, cards, text = _answer(question)
    assert (kind, cards) == ("systemic_urgent", (card,))
    _says_the_area_note(text, lang)


def test_sandfly_bites_with_a_fever_elsewhere_a_doctor_today_without_the_note() -> None:
    kind, cards, text = _answer("sandflies got me on the beach in Crete and now I have a fever")
    assert (kind, cards) == ("systemic_urgent", ("sandfly_bites",))
    assert HEAD["en"] not in text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # a fever, not in a dengue area: the card's own care stands
        ("my son has hand foot and mouth and a fever, we are at home in Shanghai", "en"),
        ("在哈尔滨，孩子手足口病发烧了，嘴里疼", "zh"),
        # a dengue area, no fever
        (
            "in Singapore, my toddler has blisters on her soles and ulcers in her mouth, no fever",
            "en",
        ),
    ],
)
def test_no_fever_or_no_dengue_area_keeps_the_card(question: str, lang: str) -> None:
    _kind, cards, text = _answer(question)
    assert cards[0] == "hand_foot_mouth"
    assert HEAD[lang] not in text
    assert IBUPROFEN[lang] in text


def test_a_follow_up_asking_for_ibuprofen_gets_the_note_not_the_age_limit() -> None:
    first = "we are in Bangkok, my son has hand foot and mouth and a fever"
    doctor = CardLedDoctor(0.1)
    earlier = doctor.answer([HumanMessage(first)], [first]).message()
    follow = "can I give him ibuprofen tonight?"
    thread = [HumanMessage(first), earlier, HumanMessage(follow)]
    answer = doctor.answer(thread, [first, follow])
    assert (answer.kind, answer.cards) == ("card_lines", ("hand_foot_mouth",))
    text = answer.text or ""
    assert text.startswith(HEAD["en"])
    assert "ibuprofen from 3 months" not in text  # the age limit is no answer here
    assert "doesn't say this directly" not in text  # the note answered it


def test_the_places_are_the_marked_destinations_and_the_notes_words() -> None:
    marked = {d.id for d in load_kb().destinations.values() if d.data.get("dengue_risk")}
    assert {"bangkok", "bali", "hanoi", "guangzhou", "sanya"} <= marked
    assert not marked & {"tokyo", "beijing", "paris", "kunming", "harbin"}
    assert fever_area_notes(["发烧了，我们在菲律宾"])  # a place word, no destination
    assert fever_area_notes(["I've got a fever", "we're in Bali"])  # any turn names the place
    assert not fever_area_notes(["我们在巴厘岛，没有发烧"])  # the fever denied
    assert not fever_area_notes(["fever since yesterday, we're in Kyoto"])


def test_only_the_ibuprofen_clause_of_a_care_line_goes() -> None:
    note = load_conditions().get("dengue_rash").until_ruled_out
    assert note is not None
    assert note.area is not None
    burn = load_conditions().get("minor_burn_scald")
    for lang in ("zh", "en"):
        kept = note.area.care_without(burn.care[lang], lang)
        assert len(kept) == len(burn.care[lang])  # its covering clause stays
        assert not any(note.area.names_a_word(line) for line in kept)
    hfmd = load_conditions().get("hand_foot_mouth")
    assert len(note.area.care_without(hfmd.care["en"], "en")) == len(hfmd.care["en"]) - 1


def test_a_line_naming_ibuprofen_in_one_language_only_is_refused() -> None:
    kb = load_conditions()
    raw = {
        "id": "x",
        "names": {"zh": "x", "en": "x"},
        "aliases": {"zh": ["x"], "en": ["x"]},
        "looks_like": {"zh": "x", "en": "x"},
        "care": {"zh": ["止痛可用布洛芬"], "en": ["For pain use a painkiller"]},
        "do_not": {"zh": ["x"], "en": ["x"]},
        "see_doctor": {"zh": ["x"], "en": ["x"]},
        "key_facts": {"zh": [["x"]], "en": [["x"]]},
        "sources": [{"org": "NHS", "title": "x"}],
    }
    with pytest.raises(ConditionsError):
        ConditionKB([*kb.cards.values(), parse_card(raw)])
    # a flag may say "in its places" only of a card whose note has places
    flags = parse_combinations(
        [{"signs": ["fever"], "level": "urgent", "meanwhile_in_area": ["sunburn"]}], "test"
    )
    with pytest.raises(ConditionsError):
        kb.check_meanwhile(flags, "test")
