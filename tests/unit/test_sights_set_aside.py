"""A sight the traveller sets aside for others is not listed again (sights_set_aside_rule_2026-
12-05.md): "除了X，还有什么…", "what else besides X", a sight named before an ask for others, or
one said as done today; "除了X还想去Y", a wish or a plan word by X keeps it. A plan keeps a sight
set aside for others (the traveller still goes), but not one said as done.

Phrasings here were written for these tests after the change, none taken from the fresh file or
the served read that found it.
"""

from __future__ import annotations

import pytest

from agents.highlights import Sight, sights
from agents.kb_led import kb_led_answer
from agents.knowledge import Lang
from agents.sight_wishes import asked, refused, split_set_aside
from tests.unit.kb_plan_helpers import dest

# (destination, a word of the sight's KB text, question)
OTHERS = [
    ("nanjing", "中山陵", "南京除了中山陵，还能去哪逛逛"),
    ("suzhou", "拙政园", "拙政园人挤人，苏州还有别的园林推荐吗"),
    ("rome", "Trevi", "Other than the Trevi Fountain, where else should I go in Rome?"),
    ("seoul", "N Seoul Tower", "the line for N Seoul Tower is insane, what else is there in Seoul"),
]
DONE = [
    ("lhasa", "布达拉宫", "上午刚去了布达拉宫，拉萨下午还有什么地方可以去"),
    ("guilin", "象鼻山", "前天逛了象鼻山，桂林还有哪些地方值得玩"),
    (
        "london",
        "British Museum",
        "we went to the British Museum yesterday, any other places in London?",
    ),
    (
        "new_york",
        "Central Park",
        "just got back from Central Park, what else can we do in New York",
    ),
]
KEPT = [
    ("nanjing", "中山陵", "南京除了中山陵也想去玄武湖，有推荐吗"),
    ("suzhou", "拙政园", "一定要去拙政园，苏州还有什么好玩的"),
    ("lhasa", "布达拉宫", "布达拉宫还有什么要注意的"),
    (
        "rome",
        "Trevi",
        "besides the Trevi Fountain we also want the Pantheon, what are Rome's highlights?",
    ),
    ("london", "British Museum", "We really want the British Museum, what else is good in London?"),
    (
        "new_york",
        "Central Park",
        "tomorrow we're going to Central Park, what else should we see in New York",
    ),
    ("seoul", "N Seoul Tower", "what's there to see in Seoul? is N Seoul Tower worth it?"),
    ("guilin", "象鼻山", "还没去过象鼻山，桂林有什么好玩的"),
    ("zhangjiajie", "张家界大峡谷", "张家界还有哪些好玩的"),  # the city's name, not the sight
]


def _sight(dest_id: str, word: str, lang: Lang) -> Sight:
    return next(s for s in sights(dest(dest_id), lang) if word in s.text)


def _lang(question: str) -> Lang:
    return "en" if question.isascii() else "zh"


@pytest.mark.parametrize(("dest_id", "word", "question"), OTHERS + DONE)
def test_a_list_sets_it_aside(dest_id: str, word: str, question: str) -> None:
    sight = _sight(dest_id, word, _lang(question))
    assert split_set_aside([sight], question) == ([], [sight])


@pytest.mark.parametrize(("dest_id", "word", "question"), OTHERS)
def test_a_plan_keeps_a_sight_set_aside_for_others(dest_id: str, word: str, question: str) -> None:
    assert not refused(_sight(dest_id, word, _lang(question)), question)


@pytest.mark.parametrize(("dest_id", "word", "question"), DONE)
def test_a_done_sight_is_refused_and_no_wish(dest_id: str, word: str, question: str) -> None:
    sight = _sight(dest_id, word, _lang(question))
    assert refused(sight, question)
    assert not asked(sight, question)


@pytest.mark.parametrize(("dest_id", "word", "question"), KEPT)
def test_a_sight_wanted_added_or_asked_about_is_kept(
    dest_id: str, word: str, question: str
) -> None:
    sight = _sight(dest_id, word, _lang(question))
    assert split_set_aside([sight], question) == ([sight], [])


@pytest.mark.parametrize(("dest_id", "word", "question"), OTHERS + DONE)
def test_the_kb_list_names_it_apart_not_among_the_items(
    dest_id: str, word: str, question: str
) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    assert answer.kind == "sights_list"
    items = [line for line in answer.text.splitlines() if line[:1].isdigit()]
    assert items
    assert not any(word in line for line in items)
    aside = [
        line for line in answer.text.splitlines() if "不再列出" in line or "Not listed" in line
    ]
    assert len(aside) == 1
    assert word in aside[0]


def test_the_kb_list_of_a_kept_sight_is_as_before() -> None:
    answer = kb_led_answer("itinerary", ["一定要去拙政园，苏州还有什么好玩的"], True)
    assert answer is not None
    assert "1. 拙政园" in answer.text
    assert "不再列出" not in answer.text
