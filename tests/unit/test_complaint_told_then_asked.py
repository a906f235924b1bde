"""A complaint told (not asked), then an open travel question, gets the travel expert beside the
doctor; a yes/no question about the trip after it stays the doctor's, and so does a turn with no
complaint told (h135_travel_lane_rule_2026-12-07i.md, fix B). Phrasings written after the
change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.registry import TRAVEL_EXPERTS
from config.settings import Settings
from graph.routing import build_router
from graph.triage.asks import default_ask_reader
from graph.triage.router import asked_after, without_shade_words

BAR = 0.6  # the per-ask reader's own bar (triage settings `ask_bar`)


@pytest.mark.parametrize(
    "text",
    [
        "我在芭提雅，肩膀晒得通红，一碰就疼，芭提雅有什么室内能逛的地方？",
        "my arms got fried on the boat today and they sting, which museums in Bangkok are worth "
        "a look?",
        "孩子脸上被虫子叮了几个包，有点痒，清迈哪里有适合孩子玩的室内地方",
    ],
)
def test_a_travel_question_after_a_told_complaint_joins_the_doctor(text: str) -> None:
    found = asked_after(default_ask_reader(), text, BAR)
    assert found, text
    assert found <= set(TRAVEL_EXPERTS), text


@pytest.mark.parametrize(
    "text",
    [
        "发烧38度，后天还要不要去黄山？",
        "my ankle is swollen from the hike, is it ok to do the temple walk tomorrow?",
        "晒伤起皮了，明天出海行程怎么办",
    ],
)
def test_a_yes_no_trip_question_after_a_told_complaint_stays_the_doctors(text: str) -> None:
    assert asked_after(default_ask_reader(), text, BAR) == set(), text


def test_without_a_complaint_told_nothing_opens(fake_settings: Settings) -> None:
    # no complaint, no doctor's question: the reader's travel question is the travel router's
    text = "we land in Da Nang at night, where can we eat near the beach?"
    assert asked_after(default_ask_reader(), text, BAR) == set()
    assert "medical" not in build_router(fake_settings).route([HumanMessage(text)]).experts


def test_asking_for_shade_names_no_complaint() -> None:
    from agents.quiet_expert import names_health_complaint

    ask = "any beaches to visit that are out of the sun"
    assert names_health_complaint(ask)  # the sign rules read "sun" as sun exposure
    assert not names_health_complaint(without_shade_words(ask))
