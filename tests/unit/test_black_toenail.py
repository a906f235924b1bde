"""A toenail gone black or blue after a descent, a run or a stubbed toe is a bruise under the nail:
the doctor's NHS "Black toenail" first lines, not the frostbite card, and no urgent-care banner on
a net-only alarm the router softened; a cold picture (frostbite), a streak with no injury, or the
topic's red flags keep what they had (medical_question_kinds.yaml `non_skin_topics`
black_toenail, urgent_care.yaml `plain_topics`;
evals/medical/results/black_toenail_rule_2026-12-07f.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest

from config.settings import Settings
from graph.urgent_care import ordinary_card_only
from tests.unit.doctor_call import card_answer
from tests.unit.test_urgent_care import card_led_softened, run_turn

BRUISED = [
    "came down from Toubkal and my second toenail is blue-black now",
    "half marathon in Lisbon, my big toe nail went purple",
    "下山的时候脚一直顶鞋，现在大脚趾甲发紫了",
    "toenail has gone black after the Kilimanjaro descent, barely hurts",
]
NOT_THE_BRUISE = [
    # frostbite's picture, a streak with no injury, the topic's own red flags
    "toes numb and waxy after the night at minus 20, one toenail is black",
    "a black streak has appeared down my toenail, I didn't injure it",
    "toenail black after the trek and it's throbbing with pus underneath",
    "脚趾甲发黑，周围红肿发烫",
]


@pytest.mark.parametrize("text", BRUISED)
def test_a_bruised_nail_gets_the_nail_lines_and_no_banner(text: str) -> None:
    answer = card_answer(text)
    assert answer.kind == "non_skin"
    assert answer.topic == "black_toenail"
    assert answer.text is not None
    assert "NHS" in answer.text
    assert "Frostbite" not in answer.cards
    assert ordinary_card_only(answer, [text])


@pytest.mark.parametrize("text", NOT_THE_BRUISE)
def test_cold_a_streak_or_a_red_flag_get_no_nail_lines(text: str) -> None:
    answer = card_answer(text)
    assert answer.topic != "black_toenail"
    assert not ordinary_card_only(answer, [text]) or answer.kind == "card"


def test_at_altitude_the_nail_leads_and_the_altitude_lines_stay() -> None:
    text = "toenail has gone black after the Kilimanjaro descent, barely hurts"
    answer = card_answer(text)
    assert answer.text is not None
    assert answer.text.index("toenail") < answer.text.index("At altitude")


async def test_a_softened_alarm_on_a_bruised_nail_is_answered_plainly(
    fake_settings: Settings,
) -> None:
    graph = card_led_softened(fake_settings)
    customs, _ = await run_turn(graph, "n", "ran the Athens marathon and my toenail is black now")
    assert [c["type"] for c in customs] == ["route"]
    state = (await graph.aget_state({"configurable": {"thread_id": "n"}})).values
    assert not state.get("urgent_banner")
    assert "toenail" in str(state["messages"][-1].content)
