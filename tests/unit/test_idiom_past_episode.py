"""A collapse or a fit told as an idiom or as long past is no changed consciousness now; told
now, or beside a "now" word, it still is (agents/prompts/emergency_signs.yaml `consciousness`;
evals/medical/results/idiom_past_rule_2026-12-07d.md). Phrasings written after the change, none
from its fresh files."""

from __future__ import annotations

import pytest

from agents.emergency_signs import emergency_signs


@pytest.mark.parametrize(
    "text",
    [
        "那个相声把我们笑得肚子都抽搐了，明天去哪玩",
        "the hotel bill in Reykjavik — I almost passed out lol",
        "he fainted at his wedding about twelve years ago, can he ride the cable car in Hong Kong?",
        "my nephew had convulsions with a fever as a baby, he's 14 now, any vaccines for Peru?",
        "我爸十几年前中暑晕倒过一次，现在去吐鲁番要注意什么",
    ],
)
def test_an_idiom_or_a_long_past_episode_is_no_changed_consciousness(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "she had a seizure when she was 12 and this morning had another one at the airport",
        "爷爷几年前摔过一跤，刚才突然晕倒了",
        "my sister almost passed out after the bee sting and her lips are swelling",
        "孩子在泳池边突然抽搐",
        "he collapsed on the beach",
    ],
)
def test_a_collapse_or_a_fit_told_now_still_is(text: str) -> None:
    assert "consciousness" in emergency_signs().signs(text)
