"""White, hard and numb in the cold, then red and blistering on rewarming is frostbite; itchy
red-purple lumps after cold are chilblains (frostbite_telling_rule_2026-12-05.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "card"),
    [
        (
            "hiked up to base camp and my toes went white and hard, "
            "now they're swollen and blistering after warming up",
            "frostbite",
        ),
        ("去长白山看雪，脸颊冻得发白发麻，回来后红肿起泡了", "frostbite"),
        ("在阿尔卑斯滑雪，手指冻得发白发麻，进屋暖和后又红又疼", "frostbite"),
        ("my ears went numb and pale on the ski lift, now red and sore", "frostbite"),
        ("每年冬天脚趾都长红紫色的包，又痒又烫", "chilblains"),
    ],
)
def test_what_it_looks_like_tells_frostbite_from_chilblains(question: str, card: str) -> None:
    answer = asked_alone(question)
    assert answer.kind == "card"
    assert answer.cards[:1] == (card,)
