"""The destination knowledge base, the fact-sheet retrieval step and the KB tools."""

from __future__ import annotations

import pytest

from agents.grounding import destination_prompt
from agents.knowledge import load_kb, text_lang
from agents.registry import EXPERTS
from agents.tools import TOOLS, destination_facts, find_destinations


def test_finds_destinations_by_name_alias_and_language() -> None:
    kb = load_kb()
    assert [d.id for d in kb.find("去Tokyo玩5天，住Shinjuku还是Ueno？")] == ["tokyo"]
    assert [d.id for d in kb.find("大理住古城里还是洱海边好？")] == ["dali"]
    assert [d.id for d in kb.find("land at Hong Kong airport, then Macau")] == [
        "hongkong",
        "macau",
    ]
    # Latin aliases stand alone: "KL" must not fire inside "KLCC" … but 吉隆坡 does.
    assert [d.id for d in kb.find("住KLCC附近")] == []
    assert [d.id for d in kb.find("吉隆坡住KLCC附近")] == ["kuala_lumpur"]
    assert kb.find("江南水乡有什么推荐") == []


def test_thread_destinations_newest_first() -> None:
    kb = load_kb()
    found = kb.find_in_thread(["去杭州三天", "然后去上海", "第二天怎么安排"], limit=2)
    assert [d.id for d in found] == ["shanghai", "hangzhou"]


def test_grounded_prompt_carries_the_facts_the_expert_needs() -> None:
    food = destination_prompt(
        EXPERTS["food_culture"].system_prompt,
        EXPERTS["food_culture"].kb_fields,
        ["西安有什么必吃的？"],
    )
    assert "肉夹馍" in food or "羊肉泡馍" in food
    assert "知识库" in food
    transport = destination_prompt(
        EXPERTS["transport"].system_prompt,
        EXPERTS["transport"].kb_fields,
        ["How do I get around Kyoto?"],
    )
    assert "Getting around" in transport
    assert "Local food" not in transport
    # no destination, or no KB fields (the doctor): the prompt is unchanged
    assert destination_prompt(
        EXPERTS["itinerary"].system_prompt, EXPERTS["itinerary"].kb_fields, ["plan a trip"]
    ) == (EXPERTS["itinerary"].system_prompt)
    assert destination_prompt(
        EXPERTS["medical"].system_prompt, EXPERTS["medical"].kb_fields, ["三亚晒伤了"]
    ) == (EXPERTS["medical"].system_prompt)


def test_tools_answer_from_the_kb() -> None:
    assert {t.name for t in TOOLS} == {"find_destinations", "destination_facts"}
    assert "chengdu" in find_destinations.invoke({"text": "成都有什么好玩的"})
    facts = destination_facts.invoke({"destination": "Bangkok", "topic": "emergency_number"})
    assert "1669" in facts
    assert "Unknown destination" in destination_facts.invoke({"destination": "Atlantis"})


def test_text_lang() -> None:
    assert text_lang("去Tokyo玩") == "zh"
    assert text_lang("Plan Kyoto") == "en"


def test_tool_calling_is_a_setting_of_the_vllm_command() -> None:
    from config.settings import Settings
    from serving.vllm_server import vllm_command

    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert "--enable-auto-tool-choice" not in vllm_command(settings, "python")
    on = vllm_command(settings.updated(graph={"tool_calling": True}), "python")
    assert on[on.index("--tool-call-parser") + 1] == "hermes"
    assert "--enable-auto-tool-choice" in on


def test_each_destinations_currency_is_the_one_its_prices_are_in() -> None:
    """Taipei, Hong Kong and Macau answered "Currency: CNY" (the mainland default) while their
    own prices are in TWD, HKD and MOP (served read 2026-12-03a, f1)."""
    import re

    from agents.knowledge import load_kb

    wrong = {}
    for destination in load_kb().destinations.values():
        costs = destination.field_text("typical_costs", "en") or ""
        first = re.search(r"\b(?!BBQ\b)[A-Z]{3}\b", costs)
        if first and first.group(0) != destination.currency:
            wrong[destination.id] = (destination.currency, first.group(0))
    assert wrong == {}


@pytest.mark.parametrize(
    ("question", "destination"),
    [
        ("오사카에서 꼭 먹어야 하는 길거리 음식 추천해 주세요", "osaka"),
        ("¿Cómo llego del aeropuerto de Narita al centro de Tokio en tren?", "tokyo"),
        ("Où dormir pas cher à Hanoï près du lac Hoan Kiem ?", "hanoi"),
        ("Quanto costa un taxi dall'aeroporto a Londra?", "london"),
        ("서울에서 3일 동안 뭐 하면 좋을까요?", "seoul"),
        ("シンガポールのホーカーセンターでおすすめは？", "singapore"),
        ("去重慶吃火鍋要注意什麼", "chongqing"),
    ],
)
def test_a_destination_is_found_by_its_name_in_other_languages(
    question: str, destination: str
) -> None:
    """A Korean, Japanese, traditional-Chinese or Romance-language name of a KB destination finds
    it (before 2026-12-03 a Spanish "Tokio" or a French "Hanoï" got "no destination")."""
    assert [d.id for d in load_kb().find(question)] == [destination]


@pytest.mark.parametrize("question", ["파리에 물렸어요, 어떻게 해요?", "다리가 아파요"])
def test_korean_everyday_words_are_no_destination(question: str) -> None:
    """파리 (a fly) and 다리 (a leg) are not Paris or Dali."""
    assert load_kb().find(question) == []
