"""Asked how to prevent something before the trip ("怎么才能不冻伤", "how do we avoid ticks?"), the
doctor answers with the card's sourced prevention first and never says it "sounds most like" a
condition nobody has yet; an "avoid" that is not prevention ("what should I avoid eating?") and a
card with nothing on prevention change nothing (prevention_rule_2026-12-05.md)."""

from __future__ import annotations

import pytest

from agents.card_asks import PREVENT, card_asks
from agents.knowledge.conditions import load_conditions
from agents.knowledge.negation import affirmed
from tests.unit.test_card_answer import answer

KB = load_conditions()


@pytest.mark.parametrize(
    "question",
    [
        "要去尼泊尔徒步，怎么才能不冻伤脚趾",
        "如何不被蚊子咬，去老挝",
        "去泰国玩，登革热怎么防",
        "去海边怎么预防被水母蜇",
        "避免被臭虫咬有什么办法",
        "how do we not get athlete's foot in the hostel showers",
        "how can I avoid ticks on the Camino?",
        "what's the best way to prevent blisters on a long hike",
        "how do I stop my kids getting sunburnt on the boat",
        "which mosquito repellent is best for Brazil",
        "how do I protect my baby from mosquitoes in Bali",
    ],
)
def test_a_prevention_question_is_read_as_one(question: str) -> None:
    assert PREVENT in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "got hives after dinner, what should I avoid eating?",
        "晒伤了，要避开什么",
        "婴儿7个月能涂防晒霜吗",
        "I'm on doxycycline for malaria prevention — do I need sun precautions",
        "被蚊子咬了好痒，怎么止痒",
        "how do I stop it peeling",
    ],
)
def test_avoid_stop_and_product_words_alone_are_no_prevention_question(question: str) -> None:
    assert PREVENT not in card_asks().found(question)


def test_how_not_to_get_it_is_no_denial() -> None:
    # the negation reader kept "athlete's foot" and "冻伤" out of these before: not a skin question
    assert "athlete's foot" in affirmed("how do I not get athlete's foot?")
    assert "冻伤" in affirmed("怎么才能不冻伤")
    assert "fever" not in affirmed("I do not have a fever")  # a denial still is one


@pytest.mark.parametrize(
    ("question", "card"),
    [
        ("下个月去漠河，零下三十度，手指怎么才能不冻伤", "frostbite"),
        ("Hiking in the Alps in June, how do we avoid ticks?", "tick_bite"),
    ],
)
def test_a_prevention_answer_leads_with_the_card_s_prevention_not_a_diagnosis(
    question: str, card: str
) -> None:
    got = answer(question, [(card, 1.0), ("insect_bites", 0.4)])
    assert got.kind == "card"
    assert got.text is not None
    lang = "zh" if "零下" in question else "en"
    prevention = KB.get(card).asked[PREVENT][lang]
    assert prevention in got.text
    assert got.text.index(prevention) < got.text.index(KB.get(card).care[lang][0])
    assert "较像" not in got.text
    assert "most like" not in got.text


def test_among_close_cards_the_one_that_answers_prevention_leads() -> None:
    # two look-alikes fit alike; only one says how to prevent it
    assert PREVENT not in KB.get("contact_dermatitis").asked
    ranked = [("contact_dermatitis", 1.0), ("heat_rash", 0.98)]
    got = answer("夏天去广州，怎么防身上起一片片小红疹", ranked)
    assert got.kind == "card"
    assert got.cards[0] == "heat_rash"
    assert got.text is not None
    assert KB.get("heat_rash").asked[PREVENT]["zh"] in got.text


def test_a_card_without_prevention_says_nothing_about_it() -> None:
    card = next(c for c in KB.cards.values() if PREVENT not in c.asked and not c.emergency)
    got = answer("how do I prevent this from coming back?", [(card.id, 1.0)])
    assert got.text is not None
    assert "prevent" not in got.text.split("\n\n")[0].lower()
    assert "doesn't cover" not in got.text


def test_a_present_emergency_is_no_prevention_answer() -> None:
    got = answer(
        "my friend collapsed in the heat, he's confused, how do we stop it getting worse?",
        [("heatstroke", 1.0), ("heat_rash", 0.5)],
    )
    assert got.kind in ("emergency_card", "systemic_emergency")
