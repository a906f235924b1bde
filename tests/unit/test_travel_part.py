"""A travel expert the doctor shares a turn with reads only the travel part (issue 15, point 5).

The planted bugs these tests catch: the health sentence reaching the travel expert's model, and
the destination or trip length lost with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.chains import ExpertAnswerer
from agents.registry import EXPERTS
from agents.travel_part import is_health, travel_part, with_travel_part
from config.settings import Settings
from graph.builder import build_graph
from graph.routing.base import RouteDecision
from tests.unit.test_graph import PromptRecorder, run_turn

# Written for these tests (not evaluation items): a complaint with its place, then a trip ask.
EN = (
    "My shins are covered in itchy red bumps after a jungle walk near Kandy. "
    "Also, which part of town should I stay in for 3 nights?"
)
ZH = "在芽庄海边玩了两天，后背晒得通红脱皮，很疼。芽庄晚上住哪个区比较热闹？"
HEALTH_WORDS_EN = ("itchy", "bumps", "shins")
HEALTH_WORDS_ZH = ("脱皮", "晒得通红", "疼")


def test_the_health_sentence_is_removed_and_the_place_kept() -> None:
    part = travel_part(EN)
    assert not any(w in part.text for w in HEALTH_WORDS_EN)
    assert "Kandy" in part.text
    assert "which part of town should I stay in for 3 nights?" in part.text
    assert part.removed
    assert "itchy" in part.removed[0]


def test_chinese_complaint_clauses_removed_the_trip_clauses_kept() -> None:
    part = travel_part(ZH)
    assert not any(w in part.text for w in HEALTH_WORDS_ZH)
    assert "芽庄晚上住哪个区比较热闹？" in part.text


def test_a_stay_in_nights_is_kept_a_complaints_duration_is_not() -> None:
    part = travel_part(
        "I've had a red itchy rash on my arm for a week in Hoi An. Where should I eat?"
    )
    assert "Hoi An" in part.text
    assert "week" not in part.text
    assert "7" not in part.text
    assert "rash" not in part.text
    assert "Where should I eat?" in part.text
    stay = travel_part("在大理住了三晚被蚊子咬了一腿红包，奇痒无比。古城附近有什么好吃的？")
    assert "大理" in stay.text
    assert "三晚" in stay.text
    assert "红包" not in stay.text


@pytest.mark.parametrize(
    "text",
    [
        "帮我规划三天的杭州行程",  # no health clause
        # one clause, trip and complaint mixed
        "I have 4 days in Rome with red itchy spots on my arms since yesterday",
        "我脸上长了很多痘痘，怎么办",  # health only: nothing of its own for a travel expert
        "Which beach in Phuket has fewer jellyfish? We have 5 days.",  # travel asks about stings
    ],
)
def test_turns_without_a_separate_travel_part_are_unchanged(text: str) -> None:
    assert travel_part(text).text == text


def test_a_travel_ask_with_a_health_word_is_not_a_health_clause() -> None:
    assert is_health("我胳膊上全是红包，很痒")
    assert not is_health("住哪里蚊子少一点？")
    assert not is_health("What tourist spots should I see in Bangkok?")


def test_the_thread_and_texts_carry_the_travel_part() -> None:
    older = [HumanMessage("hi"), AIMessage("hello")]
    thread, texts = with_travel_part([*older, HumanMessage(EN, id="n")], ["hi", EN])
    assert thread[:2] == older
    assert thread[-1].id == "n"
    assert thread[-1].content == texts[-1]
    assert "itchy" not in texts[-1]
    assert "Kandy" in texts[-1]


def test_only_travel_experts_beside_the_doctor_are_cut(fake_settings: Settings) -> None:
    thread = [HumanMessage(EN)]
    travel = ExpertAnswerer.build(EXPERTS["accommodation"], fake_settings)
    doctor = ExpertAnswerer.build(EXPERTS["medical"], fake_settings)
    assert travel.own_part(thread, [EN], beside_doctor=True)[1][-1] != EN
    assert travel.own_part(thread, [EN], beside_doctor=False)[1][-1] == EN
    assert doctor.own_part(thread, [EN], beside_doctor=True)[1][-1] == EN
    off = fake_settings.model_copy(
        update={"graph": fake_settings.graph.model_copy(update={"travel_part_only": False})}
    )
    assert ExpertAnswerer.build(EXPERTS["accommodation"], off).own_part(thread, [EN], True)[1] == [
        EN
    ]


@dataclass
class Routes:
    experts: tuple[str, ...]
    name: str = "stub"

    def route(self, messages: Any) -> RouteDecision:
        return RouteDecision(self.experts, "stub")


async def test_the_graph_hands_the_travel_expert_only_its_part(
    fake_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # what the travel expert's model is handed (a KB-less place is KB-led since travel-9: off)
    monkeypatch.setattr("agents.chains.kb_led_answer", lambda *_a, **_k: None)
    recorder = PromptRecorder()
    graph = build_graph(
        fake_settings, router=Routes(("accommodation", "medical")), checkpointer=InMemorySaver()
    )
    await run_turn(graph, "t", EN, callbacks=[recorder])
    lodging, doctor = recorder.prompts
    lodging_question = str(lodging[-1].content)
    assert not any(w in lodging_question for w in HEALTH_WORDS_EN)
    assert "Kandy" in lodging_question
    assert "3 nights" in lodging_question
    assert str(doctor[-1].content) == EN  # the doctor reads the whole turn
    state = (await graph.aget_state({"configurable": {"thread_id": "t"}})).values
    assert state["messages"][0].content == EN  # the thread keeps what the user wrote


def test_a_dash_ends_a_clause_and_a_follow_up_pointing_back_goes_with_the_complaint() -> None:
    # the shape of a train-split question (evals/travel/data/questions_train.jsonl)
    part = travel_part(
        "5 days in Hoi An - also my shoulders got sunburnt on day two, what helps it?"
    )
    assert part.text == "5 days in Hoi An"
