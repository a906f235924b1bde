"""A nightly budget in yuan placed against the KB's hotel range (lodging_budget_rule_2026-12-06g):
below it, at its low end, inside it, or above its top; no line for a quoted price, another
currency or a whole-trip budget. Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import CJK
from agents.lodging_budget import budget_line, budget_texts
from tests.unit.kb_plan_helpers import dest


@pytest.mark.parametrize(
    ("question", "city", "verdict"),
    [
        ("丽江住宿预算一晚两百左右，古城里还是外面好", "lijiang", "low_end"),
        ("Our budget is 1,000 yuan per night in Bangkok, which area?", "bangkok", "fits"),
        ("青岛住宿每晚预算150，能住海边吗", "qingdao", "below"),
        ("南京住一晚控制在五百以内，住哪里好", "nanjing", "inside"),
    ],
)
def test_a_nightly_yuan_budget_is_placed(question: str, city: str, verdict: str) -> None:
    lang = "zh" if CJK.search(question) else "en"
    line = budget_line(question, dest(city), lang)
    assert line is not None
    head = budget_texts()["texts"][lang][verdict].split("{range}")[0]
    assert head in line


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("杭州西湖边的酒店一晚八百也太贵了吧", "hangzhou"),
        ("Budget 12,000 yen a night in Kyoto — enough?", "kyoto"),
        ("三亚玩五天预算八千够不够", "sanya"),
    ],
)
def test_no_line_without_a_nightly_yuan_budget(question: str, city: str) -> None:
    lang = "zh" if CJK.search(question) else "en"
    assert budget_line(question, dest(city), lang) is None
