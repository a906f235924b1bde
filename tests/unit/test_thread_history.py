"""History as the page reloads it: multi-intent sections and the emergency's safety outcome."""

from __future__ import annotations

from fastapi.testclient import TestClient
from langchain_core.messages import AIMessage

from api.thread_store import split_sections
from config.settings import Settings
from tests.unit.api_support import ALICE, sse

MULTI_INTENT = "去厦门玩两天，我一吃海鲜就起荨麻疹，美食路线怎么安排？"
RED_FLAG = "我朋友吃了花生后嘴唇肿了，喘不上气"


def _history(client: TestClient, thread: str) -> list[dict]:
    resp = client.get(f"/threads/{thread}", headers=ALICE)
    assert resp.status_code == 200
    return list(resp.json()["messages"])


def test_a_multi_intent_answer_comes_back_in_the_sections_it_streamed(client: TestClient) -> None:
    events = sse(client, {"message": MULTI_INTENT})
    streamed: dict[str, str] = {}
    models: dict[str, str] = {}
    for name, data in events:
        if name == "messages":
            streamed[data[1]["expert"]] = streamed.get(data[1]["expert"], "") + data[0]["content"]
            models[data[1]["expert"]] = data[1]["model"]
    answer = _history(client, events[0][1]["thread_id"])[-1]
    sections = answer["sections"]
    assert [s["expert"] for s in sections] == ["food_culture", "medical"]
    assert [s["title"] for s in sections] == [
        "美食与文化 Food & culture",
        "AI 皮肤科医生 Dermatology",
    ]
    assert sections[1]["model"] == "medical-expert"
    # a KB-led section (no model) is labelled as it streamed, not with the expert's model
    assert {s["expert"]: s["model"] for s in sections} == models
    assert {s["expert"]: s["content"] for s in sections} == streamed
    assert not any("## " in s["content"] for s in sections)


def test_a_one_expert_answer_has_no_sections(client: TestClient) -> None:
    events = sse(client, {"message": "第二天想去逛街购物，杭州"})
    answer = _history(client, events[0][1]["thread_id"])[-1]
    assert answer["sections"] == []
    assert answer["safety"] is None


def test_a_section_that_contains_markdown_headers_is_kept_whole(fake_settings: Settings) -> None:
    merged = AIMessage(
        content="## 美食与文化 Food & culture\n\n## Day 1\n\n吃沙茶面\n\n"
        "## AI 皮肤科医生 Dermatology\n\n**先停吃海鲜**",
        name="food_culture",
        response_metadata={"experts": ["food_culture", "medical"]},
    )
    sections = split_sections(merged, fake_settings)
    assert [s.content for s in sections] == ["## Day 1\n\n吃沙茶面", "**先停吃海鲜**"]
    garbled = merged.model_copy(update={"content": "no headers at all"})
    assert split_sections(garbled, fake_settings) == []


def test_the_emergency_banner_data_survives_a_reload(client: TestClient) -> None:
    events = sse(client, {"message": RED_FLAG})
    safety = next(d for n, d in events if n == "custom" and d["type"] == "safety")
    history = _history(client, events[0][1]["thread_id"])
    assert [m["role"] for m in history] == ["user", "assistant"]
    kept = history[-1]["safety"]
    assert history[-1]["expert"] == "emergency"
    assert kept["emergency_numbers"] == safety["emergency_numbers"]
    assert "120" in kept["emergency_numbers"]
    assert kept["flags"] == safety["flags"]
    assert kept["level"] == "emergency"
    # The emergency stays open on the thread: the next turn escalates again, now with the
    # destination it names, and each reply keeps its own outcome.
    sse(client, {"message": "帮我规划三天的杭州行程", "thread_id": events[0][1]["thread_id"]})
    history = _history(client, events[0][1]["thread_id"])
    outcomes = [m["safety"] for m in history if m["role"] == "assistant"]
    assert outcomes[0] == kept
    assert outcomes[1]["destination"] == "hangzhou"
    assert "杭州" in outcomes[1]["emergency_numbers"]


def test_threads_are_listed_with_their_first_question_as_title(client: TestClient) -> None:
    long = "第二天想去逛街购物，杭州，" * 6
    thread = sse(client, {"message": long})[0][1]["thread_id"]
    sse(client, {"message": "第二天换成去博物馆吧", "thread_id": thread})
    listed = client.get("/threads", headers=ALICE).json()["threads"]
    assert listed[0]["thread_id"] == thread
    title = listed[0]["title"]
    assert title.startswith("第二天想去逛街购物，杭州")
    assert len(title) == 40
    assert title.endswith("…")
