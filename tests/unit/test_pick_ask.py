""" "Can I pop it?" gets the card's own don't line where the answer starts
(pick_ask_rule_2026-12-05.md; served 22 f1 had "不要挑破水疱" nine lines down). Phrasings
written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor

LABEL = {
    "en": "**You asked about popping, squeezing or picking it**",
    "zh": "**你问到的挑破、挤、抠或撕**",
}


def _text(question: str) -> str:
    return CardLedDoctor(0.1).answer([HumanMessage(question)], [question]).text


@pytest.mark.parametrize(
    ("question", "lang", "dont"),
    [
        (
            "big blister on my toe from new sandals, can I burst it with a clean needle?",
            "en",
            "pop",
        ),
        ("背上晒脱皮了，能不能把皮撕下来", "zh", "撕"),
    ],
)
def test_a_pick_ask_is_answered_from_the_cards_dont_line(
    question: str, lang: str, dont: str
) -> None:
    text = _text(question)
    line = next(x for x in text.splitlines() if x.startswith(LABEL[lang]))
    said = line.removeprefix(LABEL[lang])  # the label itself names every act
    assert dont in said
    care = "**What you can do**" if lang == "en" else "**可以这样做**"
    assert text.index(line) < text.index(care)


@pytest.mark.parametrize(
    "question",
    [
        "I squeezed a spot on my chin last night and now it's swollen, what now?",
        "水泡昨天自己破了，现在有点疼怎么办",
    ],
)
def test_a_pick_told_not_asked_gets_no_such_line(question: str) -> None:
    text = _text(question)
    assert LABEL["en"] not in text
    assert LABEL["zh"] not in text
