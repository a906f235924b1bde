"""A greeting gets a welcome and a thank-you a short reply, never "sorry, outside my scope", a
card sent again, nor the crisis reply; one word more than small talk, a farewell for good, or an
escalation just before, and the turn is read by triage as before (small_talk_rule_2026-12-05.md)."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.responders import out_of_scope_reply
from agents.small_talk import small_talk
from config.settings import Settings
from graph.builder import build_graph
from graph.triage.router import after_escalation
from tests.unit.test_graph import run_turn


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("你好", "greeting"),
        ("hi there 👋", "greeting"),
        ("Hi! First time using this. What can you help me with?", "greeting"),
        ("嗨，你能帮我做什么", "greeting"),
        ("太好了，谢谢！", "thanks"),
        ("thanks so much, that's really helpful", "thanks"),
        ("谢谢你，上次说的晒伤建议很有用", "thanks"),
        ("cheers, much appreciated", "thanks"),
    ],
)
def test_greetings_and_thanks_are_small_talk(text: str, kind: str) -> None:
    assert small_talk().kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "嗯",  # filler alone
        "谢谢，不过现在开始发烧了",  # a report
        "thanks, but it still itches",
        "thanks! and how do I get from Narita to Shinjuku?",  # a question
        "你好，帮我推荐成都的小吃",  # an ask
        "hi, my daughter has a rash after a new antibiotic",
        "这是我最后一条消息了 谢谢你陪我聊天",  # farewells for good
        "final message: thanks for being nice to me. goodbye",
        "thank you for everything, I won't need anything anymore",
        "谢谢你，我不想活了",
        "hello? my husband collapsed",
    ],
)
def test_anything_more_is_not(text: str) -> None:
    assert small_talk().kind(text) is None


def test_the_replies_welcome_and_thank_instead_of_refusing() -> None:
    assert "Sorry" not in out_of_scope_reply("en", "Hi! What can you do?")
    assert "Trip Genius" in out_of_scope_reply("en", "Hi! What can you do?")
    assert "不客气" in out_of_scope_reply("zh", "太好了，谢谢！")
    assert "抱歉" in out_of_scope_reply("zh", "给我讲个笑话")  # out of scope stays out of scope


def test_after_an_escalation_an_ok_is_no_small_talk() -> None:
    reply = AIMessage("（危机热线）", name="emergency")
    crisis = [HumanMessage("我想死"), reply, HumanMessage("嗯")]
    assert after_escalation(crisis)
    assert not after_escalation([HumanMessage("你好")])


async def test_thanks_after_a_plan_gets_a_short_reply_not_the_crisis_lines(
    fake_settings: Settings,
) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    await run_turn(graph, "t", "帮我规划三天的杭州行程")
    customs, chunks = await run_turn(graph, "t", "太好了，谢谢！")
    assert not [c for c in customs if c["type"] == "safety"]
    text = "".join(str(c.content) for c, _ in chunks)
    assert "不客气" in text
    assert "热线" not in text
