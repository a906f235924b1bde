"""The default doctor end to end (real vLLM, real adapter, real API process): an opening skin
question is answered from the vetted card with no model, and so is a follow-up on it (the card's
own sentences); with TG_DOCTOR_FOLLOW_UPS=model the follow-up streams from the medical-expert
adapter."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from agents.knowledge.conditions import load_conditions
from tests.integration.conftest import ApiFactory, auth
from tests.integration.test_e2e_chat import answer_text, chat

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def card_led_api(api_factory: ApiFactory) -> Iterator[httpx.Client]:
    api = api_factory("card-led", TG_DOCTOR_ANSWER="card_led", TG_DOCTOR_FOLLOW_UPS="model")
    with httpx.Client(base_url=api.url, headers=auth(), timeout=300) as client:
        yield client


@pytest.fixture(scope="module")
def default_doctor_api(api_factory: ApiFactory) -> Iterator[httpx.Client]:
    api = api_factory("card-led-default", TG_DOCTOR_ANSWER="card_led")
    with httpx.Client(base_url=api.url, headers=auth(), timeout=300) as client:
        yield client


def test_by_default_a_follow_up_is_answered_from_the_card_too(
    default_doctor_api: httpx.Client,
) -> None:
    first = chat(default_doctor_api, "我在三亚晒伤了，肩膀红红的很疼")
    thread = first[0][1]["thread_id"]  # type: ignore[index]
    second = chat(default_doctor_api, "起水泡了，可以挑破吗？", thread_id=thread)
    assert "error" not in [n for n, _ in second]
    assert "不要挑破水疱" in answer_text(second)
    labels = [d[1] for n, d in second if n == "messages"]  # type: ignore[index]
    assert {(lab["expert"], lab["model"]) for lab in labels} == {("medical", "none")}


def test_an_opening_question_gets_the_card_and_a_follow_up_gets_the_adapter_when_chosen(
    card_led_api: httpx.Client,
) -> None:
    first = chat(card_led_api, "我脸上长痘痘怎么办？")
    assert [n for n, _ in first][-1] == "end"
    assert "error" not in [n for n, _ in first]
    text = answer_text(first)
    assert load_conditions().get("acne").care["zh"][1] in text
    labels = [d[1] for n, d in first if n == "messages"]  # type: ignore[index]
    assert {(lab["expert"], lab["model"]) for lab in labels} == {("medical", "none")}

    thread = first[0][1]["thread_id"]  # type: ignore[index]
    # (a pregnancy follow-up is answered from the card's own pregnancy line since 2026-12-04d,
    # pregnancy_line_rule_2026-12-04d.md; this one is for the adapter)
    second = chat(card_led_api, "涂了以后脸上有点干，正常吗？", thread_id=thread)
    assert "error" not in [n for n, _ in second]
    tokens = [d for n, d in second if n == "messages"]
    assert len(tokens) >= 2, "the adapter's answer streams"
    assert {t[1]["model"] for t in tokens} == {"medical-expert"}  # type: ignore[index]

    history = card_led_api.get(f"/threads/{thread}").json()["messages"]
    assert [m["model"] for m in history if m["role"] == "assistant"] == ["none", "medical-expert"]
