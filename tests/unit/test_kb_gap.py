"""Travel answers that never invent places: a destination the KB lacks gets "no vetted facts" and
general advice naming no place; accommodation answers from the KB's own fields.

Phrasings here were written for these tests, none taken from an evaluation split.
"""

from __future__ import annotations

import re

import pytest

from agents.kb_gap import gap_answer, gap_texts, named_place, place_bound
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb
from agents.lodging_answer import lodging_answer, lodging_prices
from agents.registry import EXPERTS

KB = load_kb()
KB_NAMES = [n.lower() for d in KB.destinations.values()
            for n in (d.name_zh, d.name_en, *d.data.get("aliases", []))]  # fmt: skip


@pytest.mark.parametrize(
    ("expert", "question", "place"),
    [
        # Zurich and Budapest were Lisbon and Istanbul until those joined the KB (2026-12-06g)
        (
            "accommodation",
            "Which neighbourhood should we stay in around Zurich for 3 nights?",
            "Zurich",
        ),
        ("accommodation", "布达佩斯住哪个区方便又安全？", "布达佩斯"),
        ("itinerary", "Any museums worth a morning in Vienna?", "Vienna"),
        ("food_culture", "在布拉格吃什么比较地道？", None),
        ("transport", "How do I get from the airport to the old town in Tbilisi?", "Tbilisi"),
    ],
)
def test_a_place_the_kb_lacks_gets_no_places_only_advice(
    expert: str, question: str, place: str | None
) -> None:
    answer = kb_led_answer(expert, [question])
    assert answer is not None
    assert answer.kind == "no_destination"
    first, *rest = answer.text.split("\n")
    if place:
        assert place in first
    body = "\n".join(rest[:-1])
    assert not any(n in body.lower() for n in KB_NAMES if len(n) >= 3)
    # no capitalised word inside an English sentence: no proper names in the advice
    assert not re.search(r"(?<=[a-z,;] )[A-Z][a-z]+", body)
    assert "- " in body  # general advice is given


def test_the_advice_of_every_expert_names_no_place() -> None:
    for expert, spec in gap_texts()["advice"].items():
        for lang in ("zh", "en"):
            text = " ".join(spec[lang]).lower()
            assert not any(n in text for n in KB_NAMES if len(n) >= 3), (expert, lang)


def test_a_kb_destination_in_the_thread_is_not_a_gap() -> None:
    answer = kb_led_answer("accommodation", ["杭州三天怎么玩", "那住哪里比较方便？"])
    assert answer is not None
    assert answer.kind == "lodging"
    assert answer.destinations == ("hangzhou",)


def test_a_general_food_question_without_a_place_still_goes_to_the_model() -> None:
    assert not place_bound("food_culture", "What does dim sum mean?")
    assert place_bound("food_culture", "What should I eat in Porto?")
    assert place_bound("accommodation", "hostel or hotel?")


@pytest.mark.parametrize(
    ("question", "place"),
    [
        ("里斯本住哪个区比较安全？", "里斯本"),
        ("有什么好吃的推荐吗", None),
        ("We land in Porto on Friday, where to stay?", "Porto"),
    ],
)
def test_the_place_named_is_read_and_questions_are_no_place(
    question: str, place: str | None
) -> None:
    assert named_place(question) == place


def test_accommodation_is_kb_led() -> None:
    assert EXPERTS["accommodation"].kb_led


def test_lodging_prices_are_the_kb_lodging_clauses_only() -> None:
    hangzhou = KB.get("hangzhou")
    assert hangzhou is not None
    zh = lodging_prices(hangzhou, "zh")
    assert "350-800" in zh
    assert "1200" in zh
    assert "地铁" not in zh
    assert "正餐" not in zh
    en = lodging_prices(hangzhou, "en")
    assert "1,200+" in en
    assert "meal" not in en


def test_every_entry_has_lodging_prices() -> None:
    for d in KB.destinations.values():
        for lang in ("zh", "en"):
            assert lodging_prices(d, lang), (d.id, lang)  # type: ignore[arg-type]


def test_a_lodging_answer_names_only_kb_areas_and_says_it_names_no_hotel() -> None:
    london = KB.get("london")
    assert london is not None
    answer = lodging_answer("Where should we stay in London on a budget?", london, "en")
    assert "no vetted hotel list" in answer.text
    section = next(x for x in answer.text.split("\n\n") if x.startswith("**Where the sights are**"))
    listed = section.split(": ", 1)[1]
    for area in london.data["areas"]:
        assert (str(area["en"]) in listed) != bool(area.get("apart")), area
    assert "Harry Potter" not in listed  # an `apart` area is said to be further out
    assert "Further out" in answer.text


def test_an_area_the_question_names_is_answered_from_its_kb_mark() -> None:
    xiamen = KB.get("xiamen")
    assert xiamen is not None
    answer = lodging_answer("厦门住鼓浪屿上还是住市区方便？", xiamen, "zh")
    assert "知识库把鼓浪屿标为离主城区较远的区域" in answer.text


def test_the_gap_answer_offers_kb_destinations() -> None:
    answer = gap_answer("itinerary", "Plan 3 days in Reykjavik")
    assert str(len(KB.destinations)) in answer.text


def test_a_sim_question_sent_to_food_and_culture_gets_the_kb_gap_line() -> None:
    answer = kb_led_answer("food_culture", ["Best place to pick up a prepaid SIM in Bangkok?"])
    assert answer is not None
    assert "no SIM or data facts for Bangkok" in answer.text


def test_a_topic_the_kb_never_holds_is_said_for_a_place_it_lacks_too() -> None:
    answer = gap_answer("transport", "在开罗机场能买到流量卡吗？")
    assert "电话卡和上网信息" in answer.text


@pytest.mark.parametrize(
    ("question", "place"),
    [("Cheapest ride from the station into Seville?", "Seville"), ("雅典冬天有什么好玩的", "雅典")],
)
def test_places_after_into_and_before_a_time_word(question: str, place: str) -> None:
    assert named_place(question) == place


def test_both_areas_of_an_either_or_ask_are_answered() -> None:
    beijing = KB.get("beijing")
    assert beijing is not None
    answer = lodging_answer("住什刹海附近还是天坛附近？", beijing, "zh")
    asked = [x for x in answer.text.split("\n\n") if x.startswith("**你问到的地方**")]
    assert len(asked) == 2


def test_the_place_of_a_shared_turn_is_read_from_its_trip_line() -> None:
    # the travel part a travel expert beside the doctor is handed (agents/travel_part.py)
    assert named_place("(Trip: Porto; 3 nights) which area is quiet?") == "Porto"
    assert named_place("（目的地：开罗） 住哪里方便？") == "开罗"
