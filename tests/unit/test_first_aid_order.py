"""When two pictures meet, whose first aid comes first (agents/prompts/emergency_signs.yaml rules
`fit_in_the_heat`, `fit_after_a_day_out_hot_body`, `near_drowning_with_breathing_or_circulation`,
`cold_injury_with_breathing_or_collapse`, `infected_wound_fever_fast_breathing`; a rule's
`explained`; evals/medical/results/first_aid_order_rule_2026-12-07e.md). A fit in the heat gets the
fit's first aid, then heatstroke's cooling; water inhaled or frostbite with laboured breathing the
drowning/cold first aid, not the anaphylaxis card; an infected wound with a fever and fast
breathing sepsis's call-now, not a foot card. Phrasings written after the change, none from its
fresh file."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from agents.emergency_signs import emergency_signs
from agents.responders import escalation_categories
from tests.unit.doctor_call import card_answer

SEIZURE_THEN_HEAT = (
    "⚠️ Emergency: a seizure; possible heatstroke.",
    "⚠️ 紧急情况：抽搐/癫痫发作；可能是中暑/热射病。",
)
DROWNING = ("⚠️ Emergency: hypothermia or near-drowning.", "⚠️ 紧急情况：失温或溺水。")
SEPSIS = (
    "⚠️ Emergency: a possible serious infection (sepsis or meningitis).",
    "⚠️ 紧急情况：可能是严重感染（败血症/脑膜炎）。",
)


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize(
    "text",
    [
        "my niece had a fit by the hotel pool after hours in the midday sun, she's very hot",
        "老爸在高温天里徒步，刚才突然全身抽搐",
        # a bare 刚刚抽搐: the `seizure` group reads it since h118
        # (dive_seizure_words_rule_2026-12-07f.md, C)
        "侄子在游乐场玩了一整天，刚刚抽搐了两分钟，身上烫得厉害",
    ],
)
def test_fit_in_the_heat_gets_the_fits_first_aid_then_cooling(text: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.category == "seizure"
    assert reading.explained
    got = answer(text)
    body = got.text or ""
    assert got.calls_now()
    assert body.startswith(SEIZURE_THEN_HEAT)
    assert "heatstroke" not in got.cards
    fit = body.find("cushion the head") if "cushion" in body else body.find("在头下垫软的东西")
    cool = body.find("cool water") if "cool water" in body else body.find("用凉水")
    assert 0 <= fit < cool


@pytest.mark.parametrize(
    "text",
    [
        # a fever with no heat: the heat rules and this one leave it
        "my toddler has a 39.5 fever and just had a fit at the hotel",
        # a knock to the head: its own rule and first aid
        "he slipped on the wet deck at the beach, banged his head and then had a seizure",
    ],
)
def test_a_fit_with_another_cause_is_not_the_heat_fit(text: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is None or "fit_in_the_heat" not in reading.rules
    assert reading is None or reading.category != "seizure"


@pytest.mark.parametrize(
    "text",
    [
        "the lifeguard dragged my nephew out of the sea and he's breathing with great difficulty",
        "表妹在湖里呛了好多水，拉上来以后喘不过气",
    ],
)
def test_water_inhaled_with_laboured_breathing_gets_drowning_first_aid(text: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert (got.text or "").startswith(DROWNING)
    assert "anaphylaxis" not in got.cards


def test_water_inhaled_and_not_breathing_puts_cpr_first() -> None:
    got = answer("we pulled my cousin out of the lake and he's not breathing")
    assert got.calls_now()
    assert (got.text or "").startswith("⚠️ Emergency: confusion, collapse or unresponsiveness")
    assert "near-drowning" in (got.text or "")


def test_a_sting_with_swollen_lips_keeps_anaphylaxis_though_water_was_inhaled() -> None:
    text = (
        "stung by a jellyfish, her lips are swelling up, she swallowed a lot of sea water "
        "and can't breathe"
    )
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.category != "hypothermia_drowning"
    assert "anaphylaxis" in answer(text).cards


@pytest.mark.parametrize(
    "text",
    [
        "my climbing partner has frostbite on both hands and is now wheezing",
        "手指冻伤发紫，现在人迷迷糊糊的",
    ],
)
def test_frostbite_with_breathing_or_confusion_gets_the_colds_first_aid(text: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert (got.text or "").startswith(DROWNING)
    assert "anaphylaxis" not in got.cards


def test_chilblains_are_no_frostbite() -> None:
    assert "frostbite" not in emergency_signs().signs("脚趾上长了冻疮，又痒又疼")


@pytest.mark.parametrize(
    "text",
    [
        "grandpa's heel sore has turned black, he has a fever and his breathing is very fast",
        "小腿上的伤口红肿化脓，发烧39度，呼吸越来越快",
    ],
)
def test_infected_wound_with_fever_and_fast_breathing_calls_now_for_sepsis(text: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.category == "sepsis_meningitis"
    got = answer(text)
    assert got.calls_now()
    assert (got.text or "").startswith(SEPSIS)


def test_fast_breathing_with_a_fever_and_no_wound_is_not_that_rule() -> None:
    text = "fever of 38.6 and breathing really fast, sore throat"
    reading = emergency_signs().read_thread([text])
    assert reading is None or "infected_wound_fever_fast_breathing" not in reading.rules


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("she is breathing with great difficulty", True),
        ("his breathing sounds laboured", True),
        ("she is breathing without difficulty now", False),
    ],
)
def test_breathing_with_difficulty_is_a_breathing_sign(text: str, shown: bool) -> None:
    assert ("breathing" in emergency_signs().signs(text)) is shown


@pytest.mark.parametrize(
    "text",
    [
        "a sea nettle got my arm, I've come out in hives all over and I swallowed lots of seawater",
        "在海边被什么蜇了，舌头和嘴唇都肿了，刚才又呛了一大口水",
    ],
)
def test_allergic_signs_with_water_inhaled_lead_with_anaphylaxis_then_drowning(text: str) -> None:
    got = escalation_categories(None, ["anaphylaxis", "breathing"], [text])
    assert got[0] == "anaphylaxis"
    assert "hypothermia_drowning" in got


def test_water_inhaled_without_allergic_signs_keeps_drowning_first() -> None:
    text = "she went under at the lake and now she's breathing with difficulty"
    assert escalation_categories(None, ["breathing"], [text])[0] == "hypothermia_drowning"
