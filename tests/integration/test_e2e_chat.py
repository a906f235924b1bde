"""The walking skeleton end to end: real vLLM (CPU), real medical-expert LoRA, real API."""

from __future__ import annotations

import json

import httpx
import pytest
from httpx_sse import connect_sse
from openai import OpenAI

from tests.integration.conftest import Stack
from tests.integration.helpers import assert_sentence_by_sentence

pytestmark = pytest.mark.integration


def chat(api: httpx.Client, message: str, thread_id: str | None = None) -> list[tuple[str, object]]:
    body: dict[str, object] = {"message": message}
    if thread_id:
        body["thread_id"] = thread_id
    with connect_sse(api, "POST", "/chat", json=body) as source:
        assert source.response.status_code == 200
        return [(e.event, json.loads(e.data)) for e in source.iter_sse() if e.data]


def answer_text(events: list[tuple[str, object]]) -> str:
    return "".join(data[0]["content"] for name, data in events if name == "messages")  # type: ignore[index]


def test_ready_lists_base_model_and_adapter(api: httpx.Client, stack: Stack) -> None:
    resp = api.get("/ready")
    assert resp.status_code == 200, resp.text
    assert {stack.settings.llm.base_model_name, "medical-expert"} <= set(resp.json()["models"])


def test_skin_question_streams_from_the_medical_expert(api: httpx.Client) -> None:
    events = chat(api, "我脸上长痘痘怎么办？")
    names = [n for n, _ in events]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    assert "error" not in names
    route = next(d for n, d in events if n == "custom")
    assert route["experts"] == [  # type: ignore[index]
        {"name": "medical", "domain": "medical", "model": "medical-expert"}
    ]
    tokens = [d for n, d in events if n == "messages"]
    assert_sentence_by_sentence([t[0]["content"] for t in tokens])  # type: ignore[index]
    assert all(labels["model"] == "medical-expert" for _, labels in tokens)  # type: ignore[misc]
    assert len(answer_text(events).strip()) > 10


def test_travel_question_streams_from_the_base_model(api: httpx.Client, stack: Stack) -> None:
    events = chat(api, "第二天想去逛街购物，杭州")  # nothing the KB holds: the base model
    route = next(d for n, d in events if n == "custom")
    expert = route["experts"][0]  # type: ignore[index]
    assert expert["domain"] == "travel"
    assert expert["model"] == stack.settings.llm.base_model_name
    tokens = [d for n, d in events if n == "messages"]
    assert_sentence_by_sentence([t[0]["content"] for t in tokens])  # type: ignore[index]
    assert {labels["model"] for _, labels in tokens} == {stack.settings.llm.base_model_name}  # type: ignore[misc]


def test_follow_up_keeps_the_thread(api: httpx.Client) -> None:
    first = chat(api, "帮我规划三天的杭州行程")
    thread = first[0][1]["thread_id"]  # type: ignore[index]
    second = chat(api, "第二天换成去博物馆吧", thread_id=thread)
    assert second[0][1]["thread_id"] == thread  # type: ignore[index]
    route = next(d for n, d in second if n == "custom")
    assert route["experts"][0]["name"] == "itinerary"  # type: ignore[index]
    assert answer_text(second).strip()


def test_adapter_changes_the_answer(stack: Stack) -> None:
    """Straight to vLLM, greedy: the LoRA must change what the model says."""
    client = OpenAI(base_url=stack.vllm_url, api_key="EMPTY")
    question = [{"role": "user", "content": "我脸上长痘痘怎么办？"}]
    answers = {
        model: client.chat.completions.create(
            model=model, messages=question, temperature=0, max_tokens=48, seed=0
        )
        .choices[0]
        .message.content
        for model in ("medical-expert", stack.settings.llm.base_model_name)
    }
    assert all(answers.values())
    assert answers["medical-expert"] != answers[stack.settings.llm.base_model_name]
