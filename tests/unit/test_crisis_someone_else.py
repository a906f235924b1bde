"""A crisis reply to someone worried about another person speaks to the helper (call where they
are, stay, ask, means, lines together), with every crisis line kept; the writer's own thoughts,
or an idiom of the writer, keep the usual reply (someone_else_rule_2026-12-06.md). Phrasings
written after the change."""

from __future__ import annotations

import pytest

from agents.knowledge import load_kb
from agents.responders import about_someone_else, self_harm_reply


@pytest.mark.parametrize(
    "text",
    [
        "我闺蜜昨晚哭着说活不下去了，我现在该做什么",
        "他刚刚跟我说想跳楼",
        "my flatmate wrote a note saying he wants to end his life",
        "I think my dad is suicidal, he gave away his watch",
    ],
)
def test_another_person_at_risk_is_someone_else(text: str) -> None:
    assert about_someone_else([text])


@pytest.mark.parametrize(
    "text",
    [
        "我妈不理解我，我真的不想活了",
        "等她回复等得想死，我把安眠药都拿出来了",
        "I told my friend I want to die",
        "she left me and now I want to kill myself",
    ],
)
def test_the_writer_keeps_the_usual_reply(text: str) -> None:
    assert not about_someone_else([text])


def test_the_helper_reply_keeps_the_lines_and_the_local_numbers() -> None:
    texts = ["我们在东京玩，我男朋友刚才说他想自杀"]
    tokyo = load_kb().find_in_thread(texts, limit=1)[0]
    reply = self_harm_reply("zh", tokyo, texts)
    assert reply.startswith("你在为别人担心")
    assert "日本生命之线 0570-783-556" in reply
    assert "12356" in reply
    assert "119" in reply.split("\n")[1]  # call where they are comes first
    usual = self_harm_reply("zh", tokyo, ["我们在东京玩，我想自杀"])
    assert usual.startswith("听到你这么说")
