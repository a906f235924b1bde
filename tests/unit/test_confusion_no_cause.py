"""Sudden confusion or being hard to wake with no cause told: the doctor calls now with the reply
for a changed consciousness (recovery position, nothing by mouth), not the heatstroke card that
retrieval ranks first when no heat is told; heat told keeps the heatstroke card, and a rule with a
card of its own (fever with purple spots, an allergic picture) keeps it
(agents/prompts/emergency_signs.yaml `changed_consciousness`, `otherwise`;
evals/medical/results/confusion_no_cause_rule_2026-12-07c.md). Phrasings written after the change,
none from its fresh file."""

from __future__ import annotations

import pytest

from agents.card_answer import CardAnswer
from agents.emergency_signs import emergency_signs
from tests.unit.doctor_call import card_answer

CONSCIOUSNESS_REPLY = (
    "⚠️ Emergency: confusion, collapse or unresponsiveness.",
    "⚠️ 紧急情况：意识不清或昏迷。",
)
NO_CAUSE_TOLD = [
    "my brother-in-law is suddenly very confused and keeps asking what year it is",
    "Mum has eczema on her elbow and since this morning she's been really drowsy and hard to rouse",
    "our tour leader has become disorientated and barely answers when we speak to her",
    "表哥在青旅突然神志不清醒了，叫他也不理",
    "姑姑手臂上起了几颗痘，今天突然认不出我们了",
]
HEAT_TOLD = [
    "we walked around Seville all afternoon in the heatwave and now grandad is confused",
    "在沙滩上晒了一下午，舅舅现在人不太清醒",
    # a body very hot and not sweating is heatstroke's own sign (amendments 1 and 2)
    "his skin is burning hot and he's not sweating and now he's totally confused",
    "姨妈浑身发烫，一点汗也没有，叫她也不太应",
    # a person said to be very hot in everyday words (amendment 3, `hot_to_touch`)
    "great-aunt overheated at the street market and now she's really confused",
    "外婆脸上又红又烫，现在开始说胡话",
]


def answer(text: str) -> CardAnswer:
    return card_answer(text)


@pytest.mark.parametrize("text", NO_CAUSE_TOLD)
def test_confusion_with_no_cause_gets_the_consciousness_reply(text: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.otherwise == "altered_consciousness"
    got = answer(text)
    assert got.calls_now()
    assert (got.text or "").startswith(CONSCIOUSNESS_REPLY)
    assert "heatstroke" not in got.cards


@pytest.mark.parametrize("text", HEAT_TOLD)
def test_confusion_after_heat_keeps_the_heatstroke_card(text: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.otherwise is None
    got = answer(text)
    assert got.calls_now()
    assert got.cards[:1] == ("heatstroke",)


@pytest.mark.parametrize(
    ("text", "card"),
    [
        (
            "fever and dark purple spots that don't fade under a glass, and he's gone drowsy",
            "purpura_fever",
        ),
        ("stung by a bee, hives everywhere and now she's confused", "anaphylaxis"),
    ],
)
def test_a_rule_with_its_own_card_keeps_it(text: str, card: str) -> None:
    reading = emergency_signs().read_thread([text])
    assert reading is not None
    assert reading.otherwise is None
    assert answer(text).cards[:1] == (card,)


@pytest.mark.parametrize(
    ("text", "head"),
    [
        # what explains the confusion leads the reply, as in triage's own (amendment 1)
        (
            "at 4,200 m on the pass my dad is suddenly confused and can't walk straight",
            "severe altitude",
        ),
        ("他在宿舍倒在地上抽搐，叫也叫不醒", "抽搐/癫痫发作"),
        (
            "a random woman bought my cousin a cocktail and now he's drowsy and confused",
            "poisoning",
        ),
    ],
)
def test_the_reply_gives_the_first_aid_of_what_explains_the_confusion(text: str, head: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert head in (got.text or "").split("\n")[0]
    assert got.cards == ()


@pytest.mark.parametrize(
    ("text", "card"),
    [
        # retrieval's emergency card whose own sign shows keeps leading (amendment 5)
        (
            "my toddler is floppy and drowsy with pinprick purple spots on his chest",
            "purpura_fever",
        ),
        (
            "the cut on mum's shin is red and swollen and spreading up her leg, she's confused",
            "cellulitis_fever",
        ),
    ],
)
def test_a_card_whose_own_sign_shows_keeps_leading(text: str, card: str) -> None:
    got = answer(text)
    assert got.calls_now()
    assert got.cards[:1] == (card,)


@pytest.mark.parametrize(
    "text",
    [
        "my daughter's seizure meds got left at the hostel in Hanoi, what should we do?",
        "can I carry my son's seizure med through security in Dubai?",
    ],
)
def test_a_seizure_medicine_is_no_seizure(text: str) -> None:
    assert not {"seizure", "consciousness"} & emergency_signs().signs(text)
    assert not answer(text).calls_now()
