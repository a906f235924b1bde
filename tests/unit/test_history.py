"""History trimming: by an estimate of tokens that is honest for Chinese."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage

from agents.history import (
    history_budget,
    history_for_model,
    text_tokens,
    up_to_current_turn,
)
from config.settings import Settings


def test_chinese_counts_one_token_per_character() -> None:
    assert text_tokens("你好世界") == 4
    assert 2 <= text_tokens("hello world") <= 3


def test_keeps_the_latest_turns_that_fit() -> None:
    long = [HumanMessage("x" * 4000), AIMessage("y" * 4000), HumanMessage("最后一个问题")]
    assert history_for_model(long, max_tokens=200) == [long[-1]]


def test_a_single_oversized_turn_is_cut_not_dropped() -> None:
    story = "开头" + "很长的故事" * 400 + "结尾的问题？"
    kept = history_for_model([HumanMessage(story)], max_tokens=300)
    assert len(kept) == 1
    text = str(kept[0].content)
    assert text.startswith("开头")
    assert text.endswith("结尾的问题？")
    assert text_tokens(text) <= 300


def test_budget_leaves_room_for_the_answer_and_the_prompt() -> None:
    settings = Settings(_env_file=None, llm={"max_tokens": 384}, graph={"context_window": 4096})  # type: ignore[call-arg]
    assert history_budget(settings, "") == min(settings.graph.history_max_tokens, 4096 - 384 - 64)
    small = settings.updated(graph={"context_window": 1000})
    assert history_budget(small, "系统" * 100) == 1000 - 384 - 200 - 64


def test_experts_see_the_thread_up_to_the_current_question() -> None:
    thread = [HumanMessage("q1"), AIMessage("a1"), HumanMessage("q2"), AIMessage("section 1")]
    assert up_to_current_turn(thread) == thread[:3]
