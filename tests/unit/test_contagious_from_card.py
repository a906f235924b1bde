""" "Is it contagious?" on a card with no `asked.contagious` is answered from the card's own words
on it (the parts of its care lines that say so, else its description's clauses), not "the guidance
doesn't cover this" (contagious_from_card_rule_2026-12-07g.md). Phrasings written after the
change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.knowledge import Lang
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import ask_line
from tests.unit.test_card_answer import answer

KB = load_conditions()


@pytest.mark.parametrize(
    ("question", "card", "lang", "said"),
    [
        (
            "aunt has shingles round her ribs — is it infectious for my 2 month old?",
            "shingles",
            "en",
            "Until the blisters crust you can pass on the virus",
        ),
        ("奶奶得了带状疱疹，会传染给怀孕的儿媳吗", "shingles", "zh", "水疱结痂前有传染性"),
        ("我女儿脸上的湿疹会不会传染给同桌？", "eczema", "zh", "不传染"),
        (
            "the white patches on my hands are vitiligo, could my husband catch it?",
            "vitiligo",
            "en",
            "not contagious",
        ),
        (
            "diagnosed with pityriasis rosea yesterday, is it contagious, can I go back to work?",
            "pityriasis_rosea",
            "en",
            "you don't need to stay away from others",
        ),
    ],
)
def test_the_card_s_own_words_answer_is_it_contagious(
    question: str, card: str, lang: Lang, said: str
) -> None:
    line = ask_line(answer(question, [(card, 1.0)]).text, "contagious", lang)
    assert said in line
    assert KB.get(card).name(lang) in line
    assert "doesn't cover" not in line
    assert "没有写这一点" not in line


def test_only_the_part_of_a_care_line_that_says_it_is_quoted() -> None:
    said = card_asks().advice(KB.get("dengue_rash"), "contagious", "en")
    assert said is not None
    assert "pass the virus on" in said
    assert "calamine" not in said


@pytest.mark.parametrize(
    ("card", "lang"),
    [("tinea_cruris", "en"), ("boil_abscess", "zh"), ("sunburn", "en"), ("folliculitis", "en")],
)
def test_a_card_silent_on_catching_it_is_not_quoted(card: str, lang: Lang) -> None:
    # jock itch's and a folliculitis' "don't share towels", a boil's "spread the infection" (on the
    # skin) say nothing about catching it
    assert card_asks().advice(KB.get(card), "contagious", lang) is None


def test_a_card_s_own_asked_contagious_still_answers() -> None:
    question = "scarlet fever in my son, how long is he contagious for?"
    got = answer(question, [("scarlet_fever", 1.0)])
    assert KB.get("scarlet_fever").asked["contagious"]["en"] in ask_line(
        got.text, "contagious", "en"
    )


def test_a_list_of_candidates_quotes_no_one_candidate_s_words() -> None:
    cards = [KB.get("eczema"), KB.get("contact_dermatitis")]
    got = card_asks().unsure_lines(cards, ["contagious"], "en")
    label = card_asks().labels["contagious"]["en"]
    assert got == [card_asks().texts["en"]["unsure_not_covered"].format(label=label)]
