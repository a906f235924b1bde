"""Red, hot, swollen skin without a fever is a doctor today, not an ambulance; with a fever,
fast spread or a swollen eyelid it still calls now (cellulitis_same_day_rule_2026-12-04f.md, NHS
"Cellulitis"). Spreading over a day or two without a fever is a doctor today too since
call_now_false_alarms_rule_2026-12-07g.md. Phrasings written for this file, on the shipped cards
and retrieval."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone

answer = asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "the bite on my calf is red, swollen and hot, but I feel fine, no fever",
        "手背被虫咬的地方又红又肿又烫，没发烧，精神也好",
        # spreading without a fever or a whole-body sign: a doctor today too (NHS "Cellulitis":
        # urgent GP / 111; call_now_false_alarms_rule_2026-12-07g.md, served read 49 b4)
        "the bite on my calf is red, swollen and hot and the redness is spreading up my leg",
        "a graze on my knee went red, hot and swollen and it's spreading",
    ],
)
def test_inflamed_skin_without_fever_is_a_doctor_today(question: str) -> None:
    got = answer(question)
    assert got.cards[:1] == ("cellulitis_fever",)
    assert got.kind == "same_day_card"
    assert not got.calls_now()
    assert "today" in str(got.text) or "今天" in str(got.text)


@pytest.mark.parametrize(
    "question",
    [
        "the bite on my calf is red, swollen and hot and I've got a fever of 39",
        "手背被虫咬的地方又红又肿又烫，晚上开始发烧打寒战",
        "the bite next to my eye is red, hot and my eyelid is swollen",
    ],
)
def test_with_a_fever_or_spreading_it_still_calls_now(question: str) -> None:
    assert answer(question).calls_now()
