"""An easy-paced plan says what it does: at most two daytime places a day, an evening sight on top
(served read 20 d3: a day with the city wall, the museum and an evening at the Big Wild Goose
Pagoda under a note saying "每天最多两处"). Phrasings written after the change."""

from __future__ import annotations

import re

import pytest

from agents.kb_led import kb_led_answer


@pytest.mark.parametrize(
    "question", ["带爸妈去西安玩两天，他们腿脚不好", "an easy 3 days in Shanghai with my grandma"]
)
def test_the_easy_note_counts_daytime_places_and_says_evenings_come_on_top(question: str) -> None:
    answer = kb_led_answer("itinerary", [question], True)
    assert answer is not None
    text = answer.text
    assert "晚上的夜景另算" in text or "an evening sight comes on top" in text
    for day in re.split(r"\n\n(?=\*\*(?:第|Day))", text)[1:]:
        lines = day.splitlines()
        evening = [line for line in lines if line.startswith(("- 晚上：", "- Evening:"))]
        sights = [
            line
            for line in lines[1:]
            if line.startswith("- ")
            and not line.startswith(
                (
                    "- 这一天在",
                    "- Where",
                    "- 当地美食",
                    "- Local food",
                    "- 中午",
                    "- 下午",
                    "- Back to",
                    "- The afternoon",
                    "- 从",
                    "- From",
                )
            )
            and line not in evening
        ]
        assert len(sights) <= 2, day
