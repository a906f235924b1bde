"""The supervisor graph with a fake chat model: routing, labels, memory per thread."""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph


async def run_turn(graph: Any, thread: str, text: str) -> tuple[list[dict], list[tuple]]:
    customs: list[dict] = []
    chunks: list[tuple] = []
    async for mode, payload in graph.astream(
        {"messages": [("user", text)]},
        {"configurable": {"thread_id": thread}},
        stream_mode=["custom", "messages"],
    ):
        (customs if mode == "custom" else chunks).append(payload)
    return customs, chunks


async def test_medical_turn_uses_the_adapter_model(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    customs, chunks = await run_turn(graph, "t1", "我脸上长痘痘怎么办？")
    assert customs[0]["type"] == "route"
    assert customs[0]["experts"] == [
        {"name": "medical", "domain": "medical", "model": "medical-expert"}
    ]
    assert chunks, "the answer must stream"
    assert all(meta["expert"] == "medical" for _, meta in chunks)
    assert all(meta["model"] == "medical-expert" for _, meta in chunks)
    assert "[medical-expert]" in "".join(str(c.content) for c, _ in chunks)


async def test_travel_turn_uses_the_base_model(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    customs, chunks = await run_turn(graph, "t1", "帮我规划三天的杭州行程")
    assert customs[0]["experts"][0]["domain"] == "travel"
    assert {meta["model"] for _, meta in chunks} == {fake_settings.base_model_name}


async def test_threads_keep_their_own_memory(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    await run_turn(graph, "a", "帮我规划三天的杭州行程")
    await run_turn(graph, "a", "第二天换成去博物馆吧")
    await run_turn(graph, "b", "我脸上长痘痘怎么办？")
    a = (await graph.aget_state({"configurable": {"thread_id": "a"}})).values["messages"]
    b = (await graph.aget_state({"configurable": {"thread_id": "b"}})).values["messages"]
    assert [m.type for m in a] == ["human", "ai", "human", "ai"]
    assert [m.name for m in a if m.type == "ai"] == ["itinerary", "itinerary"]
    assert [m.type for m in b] == ["human", "ai"]


async def test_out_of_scope_answers_without_a_model(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    customs, chunks = await run_turn(graph, "t", "write me a python sorting function")
    assert customs[0]["experts"] == [{"name": "out_of_scope", "domain": "other", "model": "none"}]
    text = "".join(str(c.content) for c, _ in chunks)
    assert "旅小智" in text
    assert "Trip Genius" in text


def test_building_the_graph_needs_no_network() -> None:
    # ChatOpenAI pointed at a closed port: building must not try to connect.
    settings = Settings(openai_api_base="http://127.0.0.1:9/v1")
    graph = build_graph(settings)
    assert {"route", "medical", "itinerary", "out_of_scope"} <= set(graph.nodes)


def test_history_is_trimmed_to_the_budget() -> None:
    from langchain_core.messages import AIMessage, HumanMessage

    from graph.nodes import history_for_model

    long = [HumanMessage("x" * 4000), AIMessage("y" * 4000), HumanMessage("最后一个问题")]
    kept = history_for_model(long, max_tokens=200)
    assert kept == [long[-1]]
