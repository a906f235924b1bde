"""A travel question asked after the doctor's ask, cut off by a comma, a space or ", and" (no
"also" / "另外" to open it), joins the doctor; a health follow-on asked after it does not
(h115_asked_after_rule_2026-12-07e.md). Phrasings written after the change."""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from agents.registry import TRAVEL_EXPERTS
from config.settings import Settings
from graph.routing import build_router
from graph.triage.asks import default_ask_reader
from graph.triage.router import asked_after

BAR = 0.6  # the per-ask reader's own bar (triage settings `ask_bar`)


def test_a_travel_question_after_the_doctors_ask_gets_its_expert(fake_settings: Settings) -> None:
    router = build_router(fake_settings)
    text = (
        "my shins are covered in itchy midge bites, what can I put on them? "
        "which beaches in Langkawi are quiet in the evening?"
    )
    experts = router.route([HumanMessage(text)]).experts
    assert "medical" in experts
    assert set(experts) & set(TRAVEL_EXPERTS)


def test_the_question_is_read_piece_by_piece() -> None:
    reader = default_ask_reader()
    found = asked_after(reader, "孩子手背上起了湿疹 擦什么 明天下雨有室内能玩的吗", BAR)
    assert found
    assert found <= set(TRAVEL_EXPERTS)


def test_a_health_follow_on_after_the_doctors_ask_adds_nothing(fake_settings: Settings) -> None:
    reader = default_ask_reader()
    router = build_router(fake_settings)
    for text in (
        "a rash came up under my watch strap, what cream should I use? is it ok to go snorkelling?",
        "手臂被蚊子咬了一片红包 涂什么好 还能去吗",
        "眼皮被虫咬肿了，要吃抗过敏药吗？会肿多久",
        # a history told, not asked, before a precaution question
        "had a bad reaction to shellfish two years ago, fine now, what should I watch out for in "
        "Penang?",
    ):
        assert asked_after(reader, text, BAR) == set(), text
        assert router.route([HumanMessage(text)]).experts == ("medical",), text
