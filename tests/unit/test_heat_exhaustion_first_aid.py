"""Heat exhaustion escalated gets cooling, fluids and when to call, in the `watch` frame — not the
generic "give no food or drink" nor heatstroke's "call now, don't wait"; heatstroke's signs and
another emergency's keep what they had; the generic first aid no longer forbids a drink to an
awake diabetic or someone overheated (emergency_categories.yaml `heat_exhaustion`, emergency.yaml
`watch` and `generic`; evals/triage/results/heat_illness_rule_2026-12-07h.md). Phrasings written
after the change, none from an evaluation file."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.responders import category_escalation, emergency_reply, escalation_categories
from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn
from tests.unit.test_urgent_care import SoftenedRouter

EXHAUSTED = [
    "it's a heatwave in Lisbon and my brother feels dizzy and sick after the walking tour",
    "in this heatwave I've got a splitting headache and cramps in my legs after the hike",
    "大热天在故宫走了一上午，我妈头晕恶心，出了一身汗",
    "高温下跑完步，我头痛想吐，腿还抽筋",
]
HEATSTROKE = [
    "in this heatwave my uncle is confused and his skin is burning hot",
    "暴晒了一天，老公说胡话，不出汗了",
    "so hot out today and my friend passed out at the market",
    # hot, dry skin (NHS: no sweat while too hot) told in words `body_heat` does not read
    "天太热了，外婆说头晕，摸着皮肤干干的很烫",
    "heatwave in Seville, my dad feels sick and his skin is hot and dry",
]
OTHER = [
    ("in the heat my dad has chest pain spreading to his jaw and feels sick", "chest_pain"),
    ("太热了，我有糖尿病，现在手抖头晕，出冷汗", "low_blood_sugar"),
]


@pytest.mark.parametrize("text", EXHAUSTED)
def test_heat_exhaustion_gets_its_own_first_aid(text: str) -> None:
    assert escalation_categories(None, [], [text]) == ["heat_exhaustion"]
    # a heatstroke named on the heat signs alone (a triage category, the doctor's card) too
    assert escalation_categories("heat_stroke", [], [text]) == ["heat_exhaustion"]


def test_the_watch_frame_lets_fluids_cools_and_says_when_to_call() -> None:
    found = category_escalation(["heat_exhaustion"])
    assert found.frame == "watch"
    en = emergency_reply("en", None, found)
    zh = emergency_reply("zh", None, found)
    for words in ("cool water", "rehydration", "feet slightly raised", "30 minutes", "heatstroke"):
        assert words in en
    assert "call the emergency number now" in en
    assert "no food or drink" not in en
    assert "Don't wait" not in en
    assert "口服补液盐" in zh
    assert "30分钟" in zh
    assert "不要给吃的喝的" not in zh


@pytest.mark.parametrize("text", HEATSTROKE)
def test_heatstroke_signs_keep_call_now(text: str) -> None:
    assert "heat_exhaustion" not in escalation_categories("heat_stroke", [], [text])
    assert "heat_exhaustion" not in escalation_categories(None, [], [text])


@pytest.mark.parametrize(("text", "category"), OTHER)
def test_another_emergency_in_the_heat_keeps_its_first_aid(text: str, category: str) -> None:
    found = escalation_categories(category, [], [text])
    assert "heat_exhaustion" not in found
    assert found[0] == category


def test_heat_exhaustion_beside_another_emergency_is_called_now() -> None:
    assert category_escalation(["heat_exhaustion", "chest_pain"]).frame == ""
    assert "Call " in emergency_reply("en", None, category_escalation(["chest_pain"]))


def test_the_generic_first_aid_is_conditional_on_being_awake() -> None:
    en = emergency_reply("en", None, category_escalation([]))
    zh = emergency_reply("zh", None, category_escalation([]))
    assert "Give no food or drink if they are drowsy, confused" in en
    assert "slurred speech or a drooping face" in en
    assert "说话含糊或脸歪" in zh
    assert "sugary drink" in en
    assert "sip water" in en
    assert "含糖饮料" in zh
    assert "小口喝水" in zh


async def test_a_softened_heat_exhaustion_gets_its_first_aid_not_a_card_under_the_banner(
    fake_settings: Settings,
) -> None:
    """A net escalation softened to the doctor whose card does not call now: heat exhaustion's
    signs give its own first aid (amendment 2), any other turn keeps the banner."""
    settings = fake_settings.updated(doctor={"answer": "card_led"})
    graph = build_graph(settings, router=SoftenedRouter(), checkpointer=InMemorySaver())
    text = "scorching day at the zoo, my wife's sweating a lot, feels nauseous and has cramps"
    customs, _ = await run_turn(graph, "x", text)
    # logged as what was served: the `watch` frame, not the call-now template
    # (category_rule_2026-12-07i.md, (b))
    assert (customs[0]["level"], customs[0]["category"]) == ("watch", "heat_exhaustion")
    assert "heat exhaustion's signs" in customs[0]["reason"]
    reply = (await graph.aget_state({"configurable": {"thread_id": "x"}})).values["messages"][-1]
    assert reply.name == "emergency"
    watch = emergency_reply("en", None, category_escalation(["heat_exhaustion"]))
    assert str(reply.content) == watch
    customs, _ = await run_turn(graph, "y", "itchy raised bumps on both arms since the beach")
    assert customs[0]["level"] == "urgent"
