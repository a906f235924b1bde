"""A black wound, bite or frostbitten toe is no deep burn unless a burn is told
(agents/prompts/emergency_signs.yaml `burn_deep`;
evals/medical/results/black_without_burn_rule_2026-12-07d.md). Phrasings written after the change,
none from its fresh file."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "糖尿病的老爸脚后跟的溃疡发黑了，这两天还在发高烧",
        "被蝎子蛰过的地方周围一圈焦黑，人有点喘",
        "冻了一夜以后两个脚趾头黑乎乎的",
        "the cut on his shin went blackened at the edges and he's got a fever of 39",
        "her frostbitten fingertips are blackened after the summit push",
    ],
)
def test_black_skin_with_no_burn_told_is_no_deep_burn(text: str) -> None:
    assert "burn_deep" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "烧烤的时候炭火崩到小腿上，皮肤发黑了",
        "被电熨斗烫到的地方焦黑一片",
        "打火机的火苗燎到手指，现在黑乎乎的",
        "he knocked over the barbecue and the skin on his shin is blackened",
        "a firework went off in her hand and two fingers look blackened",
        "my son touched the hot iron and the tip of his finger is blackened",
    ],
)
def test_black_skin_with_a_burn_told_is_still_deep(text: str) -> None:
    assert "burn_deep" in emergency_signs().signs(text)


def test_a_fever_is_no_burn_told() -> None:
    # 发烧 / 高烧 hold 烧 but tell no burn
    assert "burn_deep" not in emergency_signs().signs("发高烧三天了，腿上伤口周围发黑")
