"""A condition the user names stays theirs (named_condition_rule_2026-12-04f.md): beside a travel
ask that tips "no card fits", and in a follow-up after another expert answered the turn that
named it. Phrasings written for this file, on the shipped cards and retrieval."""

from __future__ import annotations

from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED, CardAnswer, CardLedDoctor
from tests.unit.test_card_answer import MARGIN


def ask(*turns: str | AIMessage) -> CardAnswer:
    messages = [HumanMessage(t) if isinstance(t, str) else t for t in turns]
    texts = [str(m.content) for m in messages if isinstance(m, HumanMessage)]
    return CardLedDoctor(MARGIN).answer(messages, texts)


TRAVEL = AIMessage("Sydney: places worth visiting …")  # another expert's answer, no card


def test_a_named_condition_beside_a_food_ask_is_answered_from_its_card() -> None:
    answer = ask(
        "Can I take ibuprofen for a bad sunburn headache? "
        "Also what should I eat in Hanoi tonight, something light"
    )
    assert answer.kind == "card"
    assert answer.cards[0] == "sunburn"


def test_a_follow_up_after_a_named_condition_another_expert_answered_reads_that_turn() -> None:
    answer = ask(
        "my toddler has chickenpox, we fly home in 4 days",
        TRAVEL,
        "can she have ibuprofen for the fever?",
    )
    assert answer.cards[:1] == ("chickenpox",)
    assert "ibuprofen only if a doctor advises" in str(answer.text)
    zh = ask("朋友说我这是带状疱疹，下周要坐飞机去日本", TRAVEL, "会传染给同行的人吗")
    assert zh.cards[:1] == ("shingles",)


def test_the_named_condition_leads_the_follow_up_over_retrieval() -> None:
    # read together, the words of the follow-up tip retrieval to an animal bite
    answer = ask(
        "I've got scabies apparently, we're backpacking through Vietnam",
        TRAVEL,
        "do my travel buddies need treating too?",
    )
    assert answer.cards[:1] == ("scabies",)


def test_a_follow_up_with_nothing_named_before_is_read_alone() -> None:
    answer = ask("帮我规划三天的杭州行程", TRAVEL, "能吃布洛芬吗，走多了脚疼")
    assert answer.kind == "non_skin"


def test_a_new_skin_finding_is_a_question_of_its_own() -> None:
    answer = ask(
        "my toddler has chickenpox, we fly home in 4 days",
        TRAVEL,
        "and now I have a red itchy ring on my arm",
    )
    assert "chickenpox" not in answer.cards[:1]


def test_a_follow_up_after_the_doctors_own_card_is_not_read_again() -> None:
    card = AIMessage(
        "Chickenpox …", response_metadata={"answer": CARD_LED, "cards": ["chickenpox"]}
    )
    assert not CardLedDoctor.names_what_no_card_answered(
        [HumanMessage("my toddler has chickenpox"), card, HumanMessage("can she fly?")],
        ["my toddler has chickenpox", "can she fly?"],
    )
    assert CardLedDoctor.names_what_no_card_answered(
        [HumanMessage("my toddler has chickenpox"), TRAVEL, HumanMessage("can she fly?")],
        ["my toddler has chickenpox", "can she fly?"],
    )
