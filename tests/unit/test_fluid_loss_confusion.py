"""Diarrhoea or vomiting with confusion told in everyday words: the doctor says call now with the
drying-out lines (sips only if fully awake, nothing by mouth if drowsy or confused), not the
heatstroke card retrieval finds for confusion with no heat told; confusion about a question, jet
lag fog, heat or a fever keep their own answers (agents/prompts/emergency_signs.yaml
`consciousness`, `gut`; agents/knowledge/negation.yaml; agents/card_answer.py;
evals/medical/results/fluid_loss_confusion_rule_2026-12-07b.md). Phrasings written after the
change, none from its fresh files."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from agents.emergency_signs import emergency_signs
from tests.unit.doctor_call import card_answer

CALL_NOW_LINES = (
    "⚠️ **What you describe needs emergency care now",
    "⚠️ **你描述的情况需要现在就拨打急救电话",
)
CONFUSED_AFTER_FLUID_LOSS = [
    "my uncle has had the runs since we landed in Cairo and he's getting kind of muddled",
    "Auntie caught a stomach bug in Goa and this afternoon she no longer recognizes her family",
    "our guide ate something bad, loose stools all night, and now she's a little disoriented",
    "舅舅闹肚子三天了，现在神志不太清醒",
    "我爸食物中毒以后一直吐，现在迷迷瞪瞪的",
    "姥姥腹泻了一周，今天突然糊涂了，不知道自己在哪",
]
# confusion not told, or told of a question; heat or a fever beside it
OTHERS = [
    "diarrhoea for three days and I'm a bit confused about whether to take Imodium",
    "我有点糊涂，食物中毒能不能吃益生菌",
    "Delhi belly again, otherwise fine and clear-headed, what can I eat?",
    "倒时差倒得脑子不清醒，拉肚子了吃什么好",
]


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize("text", CONFUSED_AFTER_FLUID_LOSS)
def test_confusion_after_fluid_loss_calls_now_with_the_drying_out_lines(text: str) -> None:
    signs = emergency_signs()
    assert {"consciousness", "diarrhoea"} <= signs.signs(text)
    got = answer(text)
    assert got.calls_now()
    assert (got.text or "").startswith(CALL_NOW_LINES)
    assert got.cards == ()  # no card named: not heatstroke, not a skin card


@pytest.mark.parametrize("text", OTHERS)
def test_confusion_about_a_question_or_clear_heads_do_not_call_now(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)
    got = answer(text)
    assert not got.calls_now()


@pytest.mark.parametrize(
    "text",
    [
        "she doesn't know anyone in Osaka yet, any tips?",
        "I'm really confused, is this eczema or a heat rash?",
        "He got confused by the map in the metro",
        "我现在有点糊涂，这个药膏一天涂几次",
        # a slow decline is no new confusion (amendment 4, after served read 42 x8)
        "外婆这几年有点糊涂了，坐邮轮要带些什么",
        "老爸越来越糊涂，出国跟团要注意什么",
        "my father has Alzheimer's and gets a bit muddled at airports, should we book assistance?",
        "Nan has been quite confused these days, can she fly on her own?",
    ],
)
def test_everyday_confusion_about_things_is_no_sign(text: str) -> None:
    assert "consciousness" not in emergency_signs().signs(text)


@pytest.mark.parametrize(
    "text",
    [
        # vomiting alone with confusion is also a head injury's, a drink's, altitude's
        "she threw up all through the night and is now a little disoriented",
        "my cousin knocked his head on the pool edge, he's throwing up and seems very confused",
        "同伴在海拔4700米一直呕吐，现在人迷迷瞪瞪的",
        # diarrhoea with altitude, a seizure or a fever told: not drying out's picture alone
        "diarrhoea since yesterday at 4,200 m in Leh and now he's getting confused",
        "拉肚子两天，烧到39度5，现在人不太清醒",
    ],
)
def test_confusion_with_another_cause_calls_now_without_the_drying_out_lines(text: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert not (got.text or "").startswith(CALL_NOW_LINES)


def test_heat_keeps_heatstroke_and_a_fever_keeps_its_rules() -> None:
    hot = "we walked all day in 40 degree heat, my wife vomited and is now quite confused"
    assert answer(hot).cards[:1] == ("heatstroke",)
    feverish = "my boy has diarrhoea, a fever of 39.5 and seems rather confused"
    assert not (answer(feverish).text or "").startswith(CALL_NOW_LINES)
    assert answer(feverish).calls_now()
