"""An interest in a sights ask ("museums", "带孩子", "nightlife") picks the highlights that fit it,
by the KB's own marks first; when none fits, the answer says so.

Phrasings here were written for these tests, none taken from an evaluation split.
"""

from __future__ import annotations

import pytest

from agents.highlights import sights
from agents.interests import asked_interests, fitting, refused_interests
from agents.itinerary_ask import read_ask
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb

KB = load_kb()


@pytest.mark.parametrize(
    ("question", "interests"),
    [
        ("Which museums in Paris are worth it?", ("museums",)),
        ("带孩子去广州，哪里好玩？", ("kids",)),
        ("Where's good to go in the evenings in Hong Kong?", ("nightlife",)),
        ("香港晚上有什么好玩的", ("nightlife",)),
        ("Three nights in Bangkok, which sights?", ()),  # nights of a stay are no nightlife
        ("京都有哪些寺庙值得去", ("temples",)),
    ],
)
def test_the_interest_is_read(question: str, interests: tuple[str, ...]) -> None:
    assert asked_interests(question) == interests
    assert read_ask(question).interests == interests


def _fits(interest: str, dest_id: str, order: int) -> bool:
    d = KB.get(dest_id)
    assert d is not None
    sight = next(s for s in sights(d, "en") if s.kb_order == order)
    return bool(fitting([interest], [sight], d))


def test_the_kb_marks_decide_before_words() -> None:
    # Dubai's desert safari and Hong Kong's Symphony of Lights: `evening` in the KB, no night
    # word in their text; Chimelong: `whole_day: leisure`, no children's word in its text
    for dest_id, interest, mark in (("dubai", "nightlife", "evening"),
                                    ("hongkong", "nightlife", "evening"),
                                    ("guangzhou", "kids", "leisure")):  # fmt: skip
        d = KB.get(dest_id)
        assert d is not None
        marked = [s for s in sights(d, "en")
                  if (s.evening if mark == "evening" else s.whole_day == "leisure")]  # fmt: skip
        assert marked
        assert all(_fits(interest, dest_id, s.kb_order) for s in marked)


def test_a_museum_ask_lists_the_museums_first_and_the_rest_apart() -> None:
    answer = kb_led_answer("itinerary", ["What museums should we see in Beijing?"])
    assert answer is not None
    numbered = [x for x in answer.text.splitlines() if x[:2] in ("1.", "2.", "3.")]
    assert any("National Museum" in x for x in numbered)
    assert any("Forbidden City" in x for x in numbered)  # 故宫博物院 in the zh text
    assert not any("Great Wall" in x for x in numbered)
    assert "Other highlights" in answer.text


def test_nothing_fitting_is_said_plainly_not_passed_off() -> None:
    answer = kb_led_answer("itinerary", ["Good museums in Bali?"])
    assert answer is not None
    assert answer.text.startswith("The knowledge base marks none of Bali's highlights")


def test_nightlife_sent_to_food_and_culture_gets_the_kb_evening_list() -> None:
    answer = kb_led_answer("food_culture", ["What's the nightlife like in Dubai?"])
    assert answer is not None
    assert answer.kind == "sights_list"
    assert "Desert safari" in answer.text.split("\n")[1]
    assert "no bars or clubs" in answer.text


def test_a_kids_list_keeps_the_easy_pace_rules() -> None:
    answer = kb_led_answer("itinerary", ["成都有什么适合带孩子玩的地方"])
    assert answer is not None
    assert answer.text.splitlines()[1].startswith("1. 成都大熊猫")
    assert "没有列入" in answer.text  # Qingcheng's climb left out for children


# An interest said away is not planned for (interest_refused_rule_2026-12-04q.md); phrasings
# written after the change.
@pytest.mark.parametrize(
    "question",
    [
        "4 days in Seoul with my parents, honestly we're not into shopping at all",
        "my teens can't stand museums, what should we do in Rome for 2 days?",
        "成都三天，我们都不喜欢逛街购物",
        "东京四天，博物馆就算了，孩子没兴趣",
    ],
)
def test_an_interest_said_away_is_not_asked(question: str) -> None:
    assert asked_interests(question) == ()


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("no nightlife for us, but museums and galleries yes, 3 days in Madrid", ("museums",)),
        ("不去购物中心，但想看看博物馆，台北两天", ("museums",)),
    ],
)
def test_an_interest_wanted_beside_one_said_away_is_kept(
    question: str, wanted: tuple[str, ...]
) -> None:
    assert asked_interests(question) == wanted


# A kind said away is read as refused, only for a kind that can be
# (kind_refused_rule_2026-12-05.md); phrasings written after the change.
@pytest.mark.parametrize(
    ("question", "away"),
    [
        ("Osaka for 3 days, we'll skip temples this time round", ("temples",)),
        ("伦敦三天，美术馆就算了", ("museums",)),
        ("avoid the malls, 2 days in Dubai", ("shopping",)),
        ("we have no kids, 3 days in Singapore", ()),  # "no kids" refuses no zoo
        ("不想去寺庙，但想去神社看看，大阪两天", ()),  # asked too: in doubt, no change
        ("东京三天，想去几个神社", ()),
    ],
)
def test_a_kind_said_away_is_read(question: str, away: tuple[str, ...]) -> None:
    assert refused_interests(question) == away
