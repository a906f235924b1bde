"""A question about one named KB sight is answered about that sight from the KB, not with the
city's list (named_sight_ask_rule_2026-12-05.md: a traveller in a Paris museum's queue asking for
tips got all six Paris highlights and "tell me how many days you have"). What the KB lacks of what
was asked is said plainly; plans with days, food and transport asks, a sight set aside for others
and two sights named keep their answers.

Phrasings here were written for these tests after the change, none taken from the fresh file or
the served read that found it.
"""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer


def _answer(question: str) -> tuple[str | None, str]:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    return answer.kind, answer.text


# (question, the sight's KB text, another highlight of that city that must not be listed)
ASKS = [
    ("西安陕西历史博物馆要不要预约，每天都能进吗", "陕西历史博物馆（需预约）", "回民街"),
    (
        "Hong Kong: is the Peak Tram queue bad in the afternoon?",
        "Victoria Peak (Peak Tram)",
        "Dragon's Back",
    ),
    (
        "Sydney Opera House tours - do they sell out, should I reserve?",
        "Sydney Opera House",
        "Bondi",
    ),
    ("黄鹤楼门票贵不贵", "黄鹤楼", "东湖"),
    ("大雁塔晚上去还是白天去好", "大雁塔与大唐不夜城", "华山"),
]


@pytest.mark.parametrize(("question", "sight", "other"), ASKS)
def test_a_question_about_one_sight_is_answered_about_it(
    question: str, sight: str, other: str
) -> None:
    kind, text = _answer(question)
    assert kind == "sight_ask"
    assert sight in text
    assert other not in text  # not the city's list


def test_what_the_kb_lacks_is_said_and_not_invented() -> None:
    kind, text = _answer("is the Peak Tram queue in Hong Kong bad in the afternoon?")
    assert kind == "sight_ask"
    assert "no waiting times or ways to skip the queue" in text
    assert "minutes" not in text


def test_a_ticket_price_the_kb_holds_is_given_and_not_said_missing() -> None:
    kind, text = _answer("兵马俑门票多少钱")
    assert kind == "sight_ask"
    assert "兵马俑门票约120元" in text
    assert "知识库里没有" not in text


def test_a_sight_the_kb_marks_for_the_evening_says_so() -> None:
    kind, text = _answer("大雁塔晚上去还是白天去好")
    assert kind == "sight_ask"
    assert "适合晚上去" in text


def test_a_name_inside_a_longer_name_is_the_longer_ones() -> None:
    """ "the Vatican" is also the area of St. Peter's: the Vatican Museums are the sight named."""
    kind, text = _answer("Vatican Museums in Rome: any tricks to avoid the crowds?")
    assert kind == "sight_ask"
    assert "Vatican Museums and Sistine Chapel" in text
    assert "St. Peter's Basilica" not in text


# Guards (they hold with and without the change): these turns keep their answers.
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Rome for 2 days, we want the Pantheon", "day_plan"),
        ("除了外滩上海还有哪些好玩的", "sights_list"),
        ("北京坐地铁怎么去颐和园", "sights_list"),
        ("Hong Kong: Victoria Peak or the Big Buddha, which is worth it?", "sights_list"),
        ("西安回民街有什么好吃的", "food_list"),
    ],
)
def test_plans_lists_food_and_ways_there_keep_their_answers(question: str, kind: str) -> None:
    assert _answer(question)[0] == kind


# Written after the amendment (named_sight_ask_rule_2026-12-05.md, "Amended after reading the
# repo diff").
@pytest.mark.parametrize(
    ("question", "missing"),
    [
        (
            "Burj Khalifa tickets bought for the wrong day, can I get a refund?",
            "no refund rules for Burj Khalifa",
        ),
        ("伦敦塔门口有人卖便宜票，是黄牛骗局吗", "没有伦敦塔与塔桥的门口骗局的说法"),
    ],
)
def test_a_refund_or_a_scam_at_the_sight_is_said_missing(question: str, missing: str) -> None:
    kind, text = _answer(question)
    assert kind == "sight_ask"
    assert missing in text


# Guards of the amendment (they hold with and without the change).
@pytest.mark.parametrize(
    "question",
    [
        "Westminster Abbey in London, do I need to book?",  # another place by a sight's name
        "冬天去哈尔滨穿什么？门票贵吗",  # the city's name is no sight's
        "Is there a hotel near the Sydney Opera House that isn't crazy expensive?",
        "外滩人太多了，还能去哪儿看夜景",  # other places asked for
        "东京筑地场外市场早上去吃饭要注意什么",  # a meal there is the food answer's
    ],
)
def test_other_places_a_city_name_or_a_hotel_is_no_sight_ask(question: str) -> None:
    assert _answer(question)[0] != "sight_ask"
