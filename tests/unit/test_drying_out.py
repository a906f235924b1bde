"""Diarrhoea, vomiting or heat with a sign of drying out: the doctor's non-skin answer gives oral
rehydration first, or says call now when a call-now sign shows; a net-only alarm on it with no
call-now sign goes to the doctor under the urgent-care banner, not the ambulance template's "give
no food or drink" nor the crisis reply (agents/prompts/emergency_signs.yaml `drying_out`,
graph/triage/urgent.py `tells_drying_out`; evals/triage/results/dehydration_rule_2026-12-06j.md).
Phrasings written after the change."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.emergency_signs import emergency_signs
from graph.triage.urgent import tells_drying_out
from tests.unit.doctor_call import card_answer
from tests.unit.test_urgent_care import router, scores

DRYING = [
    "吃了路边摊以后一直在拉稀，从椅子上起来就头昏",
    "vomited three times this morning and now I'm light-headed whenever I get up",
    "在泰国拉肚子拉了一整天，口特别干，很渴",
]
CALL_NOW = [
    "拉肚子两天，刚才站起来直接晕倒了",
    "my grandma (84) has been vomiting all night and feels dizzy",
    "diarrhoea since Monday, my poo is black now and I feel lightheaded",
    "上吐下泻，一整天都没小便，头晕",
]
NOT_TOLD = [
    "I get dizzy when I stand up too fast, nothing else wrong",
    "拉肚子两天了，吃点什么好",
]


@pytest.mark.parametrize("text", DRYING)
def test_drying_out_is_told_and_the_doctor_gives_fluids_first(text: str) -> None:
    signs = emergency_signs()
    assert signs.drying_out(signs.signs(text)) == "today"
    assert tells_drying_out(text)
    answer = card_answer(text)
    assert answer.kind == "non_skin"
    assert answer.text is not None
    assert "ORS" in answer.text
    assert not answer.calls_now()


@pytest.mark.parametrize("text", CALL_NOW)
def test_a_call_now_sign_beside_it_calls_now(text: str) -> None:
    signs = emergency_signs()
    assert signs.drying_out(signs.signs(text)) == "call_now"
    assert not tells_drying_out(text)
    answer = card_answer(text)
    assert answer.calls_now()


@pytest.mark.parametrize("text", NOT_TOLD)
def test_dizziness_alone_or_diarrhoea_alone_is_not_drying_out(text: str) -> None:
    signs = emergency_signs()
    assert signs.drying_out(signs.signs(text)) is None
    answer = card_answer(text)
    # not the drying-out lines (diarrhoea alone has its own first lines since
    # non_skin_first_aid_rule_2026-12-07a.md, ORS among them)
    assert not (answer.text or "").startswith(("**可能是脱水**", "**This may be dehydration**"))


@pytest.mark.parametrize("text", DRYING)
def test_a_nets_alarm_on_drying_out_goes_to_the_doctor(text: str) -> None:
    # medical under the tier's floor: before, the ambulance template ("give no food or drink")
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert (decision.experts, decision.urgent) == (("medical",), True)
    # the char nets' self-harm reading of it is no crisis reply
    decision = router(("self_harm",), scores(0.3, 0.1, 0.4)).route([HumanMessage(text)])
    assert (decision.experts, decision.urgent) == (("medical",), True)


@pytest.mark.parametrize("text", CALL_NOW)
def test_a_nets_alarm_with_a_call_now_sign_keeps_the_template(text: str) -> None:
    decision = router(("emergency",), scores(0.6, 0.1)).route([HumanMessage(text)])
    assert decision.experts == ("emergency",)


def test_a_word_of_despair_beside_it_keeps_the_crisis_reply() -> None:
    text = "拉肚子站起来就头晕，活着真没意思"
    assert not tells_drying_out(text)
    decision = router(("self_harm",), scores(0.3, 0.1, 0.4)).route([HumanMessage(text)])
    assert decision.category == "self_harm"


def test_water_drunk_is_no_overdose_and_the_heat_gets_cooling_first() -> None:
    # amendment 3: "喝了水…好多了" ("much better") was read as a substance taken in quantity
    text = "逛了一下午太热了有点头晕，喝了水歇一歇好多了"
    signs = emergency_signs()
    assert signs.drying_out(signs.signs(text)) == "today"
    answer = card_answer(text)
    assert not answer.calls_now()
    assert answer.text is not None
    assert "阴凉" in answer.text


def test_a_travel_follow_up_after_it_gets_no_fluids_line() -> None:
    # amendment 3: the thread is read only when the newest turn shows a sign of drying out
    texts = ["吐了一晚上，站起来头晕", "明天的高铁票怎么改签"]
    signs = emergency_signs()
    assert signs.drying_out_thread(texts) is None
    answer = card_answer(*texts)
    assert answer.text is None or "ORS" not in answer.text
