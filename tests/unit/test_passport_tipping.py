"""A passport lost or stolen gets what to do (police report, own embassy, 12308), not the visa
line; tipping gets the destination's own tipping line or a plain "no vetted facts", not every
field (passport_tipping_rule_2026-12-05d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.kb_led import kb_led_answer

STEPS = ("report it to the local police", "先到当地警察局报案")
# the visa line: "no visa rules", or the KB's note and where to check (visa_notes_rule_2026-12-06h)
VISA = ("the destination's immigration authority or embassy", "目的地移民部门或使馆")
NO_TIPPING_FACT = ("no vetted facts on tipping", "给小费的核实信息")


def answer(question: str) -> str:
    found = kb_led_answer("practicalities", [question])
    assert found is not None
    return found.text


def has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


@pytest.mark.parametrize(
    "question",
    [
        "我们在吉隆坡把护照弄丢了，怎么办",
        "my husband's passport got nicked on the bus in Sydney",
        "what happens if I lose my passport while we're in Singapore?",
    ],
)
def test_a_lost_passport_gets_the_steps_and_the_police_number_not_the_visa_line(
    question: str,
) -> None:
    text = answer(question)
    assert has(text, STEPS)
    assert "12308" in text
    assert not has(text, VISA)
    assert "**" in text  # the destination's emergency numbers are shown for the report


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("do we tip tour guides in Chiang Mai?", NO_TIPPING_FACT),
        ("在首尔吃烤肉要给小费吗", NO_TIPPING_FACT),
        ("New York tipping for taxis, how much?", ("18-22%",)),
    ],
)
def test_tipping_is_answered_from_the_entry_or_said_plainly(
    question: str, expect: tuple[str, ...]
) -> None:
    text = answer(question)
    assert has(text, expect)
    assert "Best seasons" not in text
    assert "最佳季节" not in text


@pytest.mark.parametrize(
    "question",
    ["护照有效期不足六个月能去泰国吗", "do I need my passport to check in at hotels in Tokyo?"],
)
def test_a_passport_that_is_not_lost_keeps_the_visa_line(question: str) -> None:
    text = answer(question)
    assert has(text, VISA)
    assert not has(text, STEPS)
