"""Istanbul, Lisbon, Jeju and Da Nang in the destination KB (kb_destinations_rule_2026-12-06g.md).

Before 2026-12-06 they got "no vetted information on X"; their entries are answered from their
own text, the doctor gives their own emergency number, and their names and aliases find them
without firing on look-alike words ("turkey" the bird, Harbin's 圣索菲亚教堂, Urumqi's 大巴扎).
"""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.kb_answer import official_line
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb

KB = load_kb()


def _plan(question: str) -> str:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None, question
    assert answer.kind == "day_plan", question
    return str(answer.text)


@pytest.mark.parametrize(
    ("question", "place", "lang"),
    [
        ("伊斯坦布尔四天怎么玩", "istanbul", "zh"),
        ("Plan 3 days in Lisbon for us", "lisbon", "en"),
        ("济州岛四天行程帮我排一下", "jeju", "zh"),
        ("5 days in Da Nang, what's the plan?", "da_nang", "en"),
    ],
)
def test_a_plan_for_a_new_place_is_its_own_kb_plan_with_its_emergency_number(
    question: str, place: str, lang: str
) -> None:
    text = _plan(question)
    destination = KB.destinations[place]
    assert destination.name(lang) in text.split("\n", 1)[0]
    for sight in destination.data["highlights"][lang]:
        assert sight in text  # every sight planned, each as the KB writes it
    number = destination.emergency_number.split(" ")[0]
    assert number in text  # the entry's tips carry its emergency number
    for other in ("Seoul", "首尔", "Hanoi", "河内", "Paris", "巴黎"):
        assert other not in text


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("在伊斯坦布尔旅游，同伴突然胸口剧痛、喘不上气，怎么办", "112（伊斯坦布尔）"),
        ("my mum's chest feels tight and she's short of breath, we're in Lisbon", "112 (Lisbon)"),
        ("在济州岛爬山扭伤了脚踝，肿得很厉害", "119 (ambulance / fire) / 112 (police)（济州岛）"),
        ("hives after shellfish in Da Nang, now my lips are swelling", "115 (ambulance)"),
    ],
)
def test_the_doctor_gives_the_new_places_own_emergency_number(question: str, number: str) -> None:
    text = CardLedDoctor(0.1).answer([HumanMessage(question)], [question]).text or ""
    assert number in text
    for generic in ("911 in the US and Canada", "美国和加拿大 911"):
        assert generic not in text  # not the generic list of other countries' numbers


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Going to Turkey for 5 days in May", "istanbul"),
        ("土耳其好玩吗", "istanbul"),
        ("how long is the Bosphorus ferry?", "istanbul"),
        ("イスタンブールのおすすめは？", "istanbul"),
        ("Lisboa em maio, o que fazer?", "lisbon"),
        ("is sintra worth a day?", "lisbon"),
        ("去葡萄牙玩几天合适", "lisbon"),
        ("去济州岛需要签证吗", "jeju"),
        ("제주도 2박 3일 일정", "jeju"),
        ("汉拿山难爬吗", "jeju"),
        ("Danang or Hoi An for a beach week?", "da_nang"),
        ("峴港自由行", "da_nang"),
    ],
)
def test_a_new_place_is_found_by_its_names_and_aliases(text: str, place: str) -> None:
    assert [d.id for d in KB.find(text)] == [place]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Where can we get a good Thanksgiving turkey dinner in New York?", ["new_york"]),
        ("turkey sandwich or chicken?", []),
        ("哈尔滨圣索菲亚教堂几点关门", ["harbin"]),
        ("新疆大巴扎有什么好买的", ["urumqi"]),
        ("上海金桥附近住哪里", ["shanghai"]),
        ("I love Portuguese tarts in Macau", ["macau"]),
        ("韩国济州岛三天", ["jeju"]),  # the country's name is Seoul's alias, the city wins
        ("越南岘港一周", ["da_nang"]),
    ],
)
def test_look_alike_words_do_not_find_a_new_place(text: str, found: list[str]) -> None:
    assert [d.id for d in KB.find(text)] == found


def test_a_korea_or_vietnam_plan_covers_both_kb_cities_and_busan_stays_a_gap() -> None:
    korea = _plan("韩国五天怎么玩")
    assert korea.startswith("首尔、济州岛5天行程")
    assert "首尔金浦飞济州约1小时" in korea  # the KB's leg between them
    vietnam = _plan("a week in Vietnam, what's the plan?")
    assert "Hanoi; Da Nang" in vietnam.split("\n", 1)[0]
    assert "Hanoi to Da Nang is a flight of a little over an hour" in vietnam
    busan = kb_led_answer("itinerary", ["釜山三天行程"], True)
    assert busan is not None
    assert busan.kind == "no_destination"


def test_visit_jeju_is_named_for_jeju_only() -> None:
    jeju = official_line([KB.destinations["jeju"]], "en", "practicalities")
    seoul = official_line([KB.destinations["seoul"]], "en", "practicalities")
    assert "visitjeju.net" in jeju
    assert "visitkorea" in jeju
    assert "visitjeju.net" not in seoul
    assert "visitkorea" in seoul


def test_da_nang_is_a_dengue_area_like_hanoi_and_the_european_cities_are_not() -> None:
    assert KB.destinations["da_nang"].data.get("dengue_risk") is True
    for place in ("istanbul", "lisbon", "jeju"):
        assert not KB.destinations[place].data.get("dengue_risk")
