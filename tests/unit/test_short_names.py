"""A sight asked for by the short name people write is asked for (short_names_rule_2026-12-06.md:
"第二天想去西溪" and "第一天去城墙…第二天去兵马俑" went to the model). Phrasings written after."""

from __future__ import annotations

import pytest

from agents.highlights import sights
from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb
from agents.sight_wishes import asked


@pytest.mark.parametrize(
    ("destination", "question", "sight"),
    [
        ("xian", "这次主要就是冲着兵马俑去的", "秦始皇兵马俑博物馆"),
        ("xian", "想在城墙上骑自行车", "西安城墙"),
        ("hangzhou", "想去西溪划船", "西溪国家湿地公园"),
        ("guilin", "晚上想去西街逛逛", "阳朔西街"),
        ("wuhan", "想去武大拍樱花", "武汉大学樱花"),
    ],
)
def test_a_short_name_asks_for_its_sight(destination: str, question: str, sight: str) -> None:
    own = sights(load_kb().destinations[destination], "zh")
    assert [s.text for s in own if asked(s, question) and s.text.startswith(sight)]


def test_a_day_wish_by_short_name_is_the_kbs_plan_not_the_models() -> None:
    answer = kb_led_answer("itinerary", ["西安玩三天，第三天去兵马俑"], True)
    assert answer is not None
    assert answer.kind == "day_plan"
    day_three = answer.text.split("**第3天**")[1].split("**第4天**")[0]
    assert "兵马俑" in day_three


def test_a_panda_valley_is_not_the_panda_base() -> None:
    own = sights(load_kb().destinations["chengdu"], "zh")
    assert not [s for s in own if asked(s, "想去都江堰熊猫谷") and s.text.startswith("成都大熊猫")]
