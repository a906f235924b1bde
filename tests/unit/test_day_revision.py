"""One day of a plan changed to sights the KB holds, rebuilt from the KB (served read 03d: the
base model wrote a Hangzhou day without the asked 西溪湿地 and with a Vietnamese river).
Phrasings written for these tests, 2026-12-03."""

from __future__ import annotations

import re

from agents.day_revision import LAST, revised_day, revision_answer


def day_block(text: str, day: int, lang: str = "zh") -> str:
    head = f"**第{day}天**" if lang == "zh" else f"**Day {day}**"
    after = text.split(head, 1)[1]
    return re.split(r"\n\n", after, maxsplit=1)[0]


def test_the_day_is_read_in_both_languages() -> None:
    assert revised_day("第三天换成颐和园") == 3
    assert revised_day("把第2天改成外滩") == 2
    assert revised_day("swap the second day for the Louvre") == 2
    assert revised_day("make day 4 the beach") == 4
    assert revised_day("最后一天去鼓浪屿") == LAST
    assert revised_day("帮我规划三天的杭州行程") is None


def test_a_thread_plan_gets_the_named_sight_on_that_day_and_keeps_the_rest() -> None:
    texts = ["帮我规划三天的杭州行程", "第二天换成西溪湿地吧"]
    answer = revision_answer(texts[-1], texts)
    assert answer is not None
    assert "杭州3天行程" in answer.text, "the earlier ask's three days"
    assert "西溪国家湿地公园" in day_block(answer.text, 2)
    assert "灵隐寺与飞来峰" in answer.text, "what day 2 had moved, not dropped"
    assert answer.text.startswith("按你的要求，第2天换成了")


def test_an_english_swap_in_one_turn() -> None:
    question = "We have 4 days in Rome, please swap day 3 for the Vatican Museums"
    answer = revision_answer(question, [question])
    assert answer is not None
    assert "Vatican Museums" in day_block(answer.text, 3, "en")
    assert "Colosseum" in answer.text


def test_the_last_day_is_the_plans_last() -> None:
    texts = ["北京玩四天怎么安排", "最后一天换成颐和园"]
    answer = revision_answer(texts[-1], texts)
    assert answer is not None
    assert "颐和园" in day_block(answer.text, 4)


def test_nothing_the_kb_holds_or_a_day_the_plan_lacks_goes_to_the_model() -> None:
    assert revision_answer("第二天想去逛街购物，杭州", ["第二天想去逛街购物，杭州"]) is None
    texts = ["帮我规划三天的杭州行程", "第九天换成西溪湿地"]
    assert revision_answer(texts[-1], texts) is None
    assert revision_answer("第二天换成西溪湿地", ["第二天换成西溪湿地"]) is not None, "thread-less"


def test_a_sight_of_another_destination_keeps_the_planned_trip() -> None:
    """A Kyoto plan asked for USJ in Osaka was rebuilt as a 3-day Osaka plan
    (swap_other_rule_2026-12-04k.md). Phrasings written for this test."""
    swap = "第二天改成去大阪环球影城"
    got = revision_answer(swap, ["京都玩三天怎么安排", swap])
    assert got is not None
    assert got.destinations == ("kyoto", "osaka")
    assert "京都的行程先保持不变" in got.text
    assert "**第1天**" not in got.text  # no plan rebuilt anywhere
    en = revision_answer(
        "make day 1 the Marina Bay Sands in Singapore",
        ["plan 3 days in Kuala Lumpur", "make day 1 the Marina Bay Sands in Singapore"],
    )
    assert en is not None
    assert "the Kuala Lumpur plan stays as it is" in en.text
    # a sight of the planned destination is still swapped in
    osaka = revision_answer(
        "swap day 2 for Osaka Castle", ["3 days in Osaka please", "swap day 2 for Osaka Castle"]
    )
    assert osaka is not None
    assert osaka.destinations == ("osaka",)
    assert "3-day plan for Osaka" in osaka.text


def test_a_sight_moved_to_another_day_leaves_its_old_day_and_joins_the_new_one() -> None:
    """A move to day 3 got "第2天已经安排了灵隐寺，行程不用改" (lead probe 2026-12-07i): the turn
    was cut at each day it names and the sight stayed with the first one."""
    texts = ["帮我规划三天的杭州行程", "第一天有点累，河坊街能不能移到第三天去"]
    answer = revision_answer(texts[-1], texts)
    assert answer is not None
    assert answer.text.startswith("按你的要求，把河坊街与南宋御街挪到了第3天")
    assert "河坊街与南宋御街" not in day_block(answer.text, 1)
    assert "西湖" in day_block(answer.text, 1), "the rest of day 1 stays"
    third = day_block(answer.text, 3)
    assert "河坊街与南宋御街" in third
    assert "西溪国家湿地公园" in third, "a move adds, not swaps"


def test_an_english_move_to_the_last_day_and_a_day_left_free() -> None:
    texts = ["3 days in Hangzhou please", "can we push Xixi Wetland to the first day?"]
    answer = revision_answer(texts[-1], texts)
    assert answer is not None
    assert answer.text.startswith("As you asked, Xixi")
    assert "Xixi" in day_block(answer.text, 1, "en")
    assert "A free day" in day_block(answer.text, 3, "en")
    assert "Where: \n" not in answer.text


def test_a_swap_still_replaces_the_day() -> None:
    texts = ["帮我规划三天的杭州行程", "第三天换成灵隐寺"]
    answer = revision_answer(texts[-1], texts)
    assert answer is not None
    assert answer.text.startswith("按你的要求，第3天换成了")
    assert "西溪" not in day_block(answer.text, 3)
