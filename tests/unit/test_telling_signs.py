"""Telling signs: a neighbouring card whose findings the question shows leads, the answer says
what tells the two apart, and cards that are not neighbours never trade places. Phrasings written
for these tests, not taken from any evaluation split."""

from __future__ import annotations

import re

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.conditions import load_conditions
from agents.knowledge.telling_signs import (
    neighbours,
    signs_shown,
    tell_apart,
    what_tells_apart,
)
from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import FixedSearch

KB = load_conditions()
MARGIN = 0.1


def told(question: str, ranked: list[tuple[str, float]]):
    search = FixedSearch(ranked)
    return tell_apart(search.fitting([question]), question, search)  # type: ignore[arg-type]


def answer(question: str, ranked: list[tuple[str, float]]):
    doctor = CardLedDoctor(MARGIN, FixedSearch(ranked))  # type: ignore[arg-type]
    return doctor.answer([HumanMessage(question)], [question])


SEB = KB.get("seborrheic_dermatitis")


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("my scalp has greasy yellow scales and the skin under them is red", 2),
        ("头皮油腻，有黄色的痂，还发红", 2),
        ("my scalp is not greasy and there are no yellow scales", 0),
        ("头皮不油腻，也没有黄色的痂", 0),
        ("flakes in my hair", 0),
    ],
)
def test_signs_are_counted_on_what_the_question_affirms(question: str, shown: int) -> None:
    assert signs_shown(SEB, question) == shown


@pytest.mark.parametrize(
    "question",
    [
        "flaky scalp, and the skin underneath is red and greasy with yellowish crusts",
        "头皮屑多，底下的皮肤发红，油腻，还有黄色的厚痂",
    ],
)
def test_a_neighbour_showing_the_telling_signs_leads(question: str) -> None:
    got = told(question, [("dandruff", 1.0), ("seborrheic_dermatitis", 0.95)])
    assert got.matches[0].card.id == "seborrheic_dermatitis"
    assert got.passed_over is not None
    assert got.passed_over.id == "dandruff"


@pytest.mark.parametrize(
    "question",
    [
        "flaky scalp, but not red and not greasy, no yellow crusts",
        "头皮屑多，头皮不红也不油腻",
    ],
)
def test_denied_telling_signs_leave_retrieval_s_order(question: str) -> None:
    got = told(question, [("dandruff", 1.0), ("seborrheic_dermatitis", 0.95)])
    assert got.matches[0].card.id == "dandruff"
    assert got.passed_over is None


def test_a_card_that_is_no_neighbour_never_overtakes_on_its_signs() -> None:
    """ "feet" tells athlete's foot from ringworm, not from hand, foot and mouth disease."""
    question = "spots on his hands and feet and sores in his mouth, between the toes too"
    assert "tinea_pedis" not in neighbours(KB.get("hand_foot_mouth"), KB)
    assert signs_shown(KB.get("tinea_pedis"), question) >= 2
    got = told(question, [("hand_foot_mouth", 1.0), ("tinea_pedis", 0.98)])
    assert got.matches[0].card.id == "hand_foot_mouth"


def test_a_neighbour_outside_the_top_cards_needs_two_signs() -> None:
    ranked = [("impetigo", 1.0), ("insect_bites", 0.7), ("cellulitis_fever", 0.5)]
    one = told("a crusty sore from a bite, it is painless", ranked)
    assert one.matches[0].card.id == "impetigo"
    two = told("a crusty sore from a bite, it is painless and won't heal", ranked)
    assert two.matches[0].card.id == "sandfly_bites"


def test_an_emergency_card_that_leads_is_never_passed_over() -> None:
    got = told("greasy yellow scales, red skin", [("sjs_ten", 1.0), ("seborrheic_dermatitis", 0.9)])
    assert got.matches[0].card.id == "sjs_ten"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        (
            "itchy little red bumps where my clothes cover me, I sweat all day in the humid heat",
            "en",
        ),
        ("天天出汗，被衣服捂着的地方起了很多小红点，刺痒", "zh"),
    ],
)
def test_the_answer_leads_with_the_likelier_and_says_what_tells_the_other_apart(
    question: str, lang: str
) -> None:
    got = answer(question, [("polymorphic_light_eruption", 1.0), ("heat_rash", 0.97)])
    assert got.kind == "card"
    assert got.cards[0] == "heat_rash"
    assert got.text is not None
    heat, ple = KB.get("heat_rash"), KB.get("polymorphic_light_eruption")
    assert heat.name(lang) in got.text.splitlines()[0]  # type: ignore[arg-type]
    apart = what_tells_apart(heat, ple, lang)  # type: ignore[arg-type]
    assert apart is not None
    assert apart in got.text


def test_close_neighbours_listed_together_get_what_tells_them_apart() -> None:
    got = answer("itchy head since the trip", [("dandruff", 1.0), ("seborrheic_dermatitis", 0.97)])
    assert got.kind == "unsure"
    apart = what_tells_apart(KB.get("dandruff"), SEB, "en")
    assert apart is not None
    assert got.text is not None
    assert apart in got.text


def test_every_card_s_signs_compile_and_face_a_declared_neighbour_in_both_languages() -> None:
    for card in KB.cards.values():
        for other, text in card.differs_from.items():
            assert other in KB.cards
            assert other != card.id
            assert text["zh"]
            assert text["en"]
        if card.telling_signs:
            # read by a comparison with a neighbour, or as the card's own place that keeps its
            # `not_at` from blocking it (nappy rash: fold_block_rule_2026-12-06i.md)
            assert neighbours(card, KB) or card.not_at, f"{card.id}: signs nothing reads"
            assert card.telling_signs.get("zh"), card.id
            assert card.telling_signs.get("en"), card.id
            for pattern in (*card.telling_signs["zh"], *card.telling_signs["en"]):
                re.compile(pattern)


@pytest.mark.parametrize(
    ("question", "care"),
    [
        ("Which insect repellent is safe for a toddler?", True),
        ("去海边要带什么防晒用品？", True),
        ("how do I prevent blisters on a long hike", True),
        ("I have a skin problem, help", False),
        ("皮肤有问题怎么办", False),
    ],
)
def test_a_care_ask_is_never_too_vague(question: str, care: bool) -> None:
    kinds = question_kinds()
    assert kinds.asks_care(question) is care
    if care:
        assert not kinds.too_vague(question)


def test_a_condition_said_in_lay_words_beside_a_named_one_gets_its_own_part() -> None:
    got = answer(
        "My eczema is flaring AND I've got a sun rash on my arms",
        [("eczema", 1.0), ("polymorphic_light_eruption", 0.8), ("spreading_rash_fever", 0.5)],
    )
    assert got.cards[:2] == ("eczema", "polymorphic_light_eruption")
    assert "spreading_rash_fever" not in got.cards[2:]  # no emergency from a lay word
    assert got.text is not None
    assert KB.get("polymorphic_light_eruption").name("en") in got.text


def test_a_dose_request_said_in_lay_words_gets_no_dose_then_that_card() -> None:
    got = answer("被蜜蜂蛰了，抗过敏药能吃几片？", [("bee_wasp_sting", 1.0)])
    assert got.kind == "prescription"
    assert got.cards == ("bee_wasp_sting",)
    unnamed = answer("这个药一次吃几片？", [("mild_drug_rash", 1.0)])
    assert unnamed.kind == "prescription"
    assert unnamed.cards == ()


@pytest.mark.parametrize(
    "question", ["a sore from a bite, painless, it won't heal", "叮咬处不痛，一直不愈合"]
)
def test_a_sign_that_is_itself_a_denial_is_read_as_written(question: str) -> None:
    assert signs_shown(KB.get("sandfly_bites"), question) >= 2


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("在海边晒了几天，胸口起了些浅色的小斑点，不痛", "pityriasis_versicolor"),
        ("pale patches on my back that won't tan after the trip", "pityriasis_versicolor"),
        ("晒伤后肩膀上起了白色的小水泡，很疼", "sunburn"),  # white blisters: a sunburn's
        ("sunburnt shoulders peeling in white flakes, still sore", "sunburn"),
    ],
)
def test_pale_painless_spots_after_sun_are_told_from_sunburn(question: str, lead: str) -> None:
    """Served read 06 x27: white, painless spots after sun were answered as sunburn."""
    got = told(question, [("sunburn", 1.0), ("pityriasis_versicolor", 0.9)])
    assert got.matches[0].card.id == lead


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("涂了刚买的防晒霜，脸上又红又痒", "contact_dermatitis"),
        ("the new sunscreen made my face sting and go blotchy", "contact_dermatitis"),
        ("防晒霜多久要补涂一次", "sun_protection"),
        ("宝宝8个月能涂防晒霜吗", "sun_protection"),  # a question about using it: no reaction
        ("which sunscreen is kind to skin that goes red easily?", "sun_protection"),
    ],
)
def test_a_reaction_to_a_named_sunscreen_is_contact_dermatitis(question: str, lead: str) -> None:
    """Served read 07 z11: "the sunscreen … made my face red and stinging" got the sun-protection
    card ("reapply every 2 hours"). Naming a care topic (a sunscreen) is no diagnosis."""
    got = answer(question, [("sun_protection", 1.0), ("contact_dermatitis", 0.6)])
    assert got.cards[0] == lead
