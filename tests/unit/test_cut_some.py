"""Cutting some unnamed items of a plan asks for less each day (cut_some_rule_2026-12-06e.md);
cutting a kind of thing or something off the trip does not. Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.pace import asks_less_per_day


@pytest.mark.parametrize(
    "text",
    ["排得满满的，删几个吧", "拿掉一些景点", "行程里去掉一点，太赶", "能不能砍掉些？"],
)
def test_cutting_unnamed_items_is_less_each_day(text: str) -> None:
    assert asks_less_per_day(text)


@pytest.mark.parametrize(
    "text",
    ["删掉一些博物馆", "我们想去一些安静的地方", "买东西能砍点价吗", "不用去掉一些，这样挺好"],
)
def test_a_kind_a_wish_or_a_bargain_is_not(text: str) -> None:
    assert not asks_less_per_day(text)
