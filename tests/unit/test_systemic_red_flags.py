"""Systemic danger beats a benign look-alike: a skin question with signs of the whole body being
ill (a fever beside a sunburn, vomiting with a fever, a floppy child, a rash that doesn't fade
when pressed) leads with urgent care and never names the benign card that retrieval put first;
the same signs that are part of a card's own picture (a fever with chickenpox) do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED
from agents.knowledge.conditions import SignCombination, load_conditions
from agents.systemic_red_flags import systemic_red_flags
from evals.medical.scoring import urges_emergency_care
from tests.unit.test_card_answer import answer

KB = load_conditions()
FLAGS = systemic_red_flags()


def benign_named(card_id: str, text: str) -> bool:
    card = KB.get(card_id)
    return card.names["en"] in text or card.names["zh"] in text


@pytest.mark.parametrize(
    ("question", "benign", "lead"),
    [
        # a general combination: fever with feeling very unwell beside a sunburn
        ("晒伤了两天，今天开始发烧，浑身没劲", "sunburn", "spreading_rash_fever"),
        # fever with vomiting beside a benign card
        ("Itchy red rash on my legs since the hike, and since last night a fever and I keep "
         "throwing up", "contact_dermatitis", None),
        # a floppy baby beside heat rash
        ("宝宝脖子上一片痱子，今天摸着软软的不爱动，也不吃奶", "heat_rash", None),
        # a rash that doesn't fade when pressed
        ("my toddler has little dots on her tummy that don't fade when I press a glass on them",
         "insect_bites", "purpura_fever"),
    ],
)  # fmt: skip
def test_systemic_signs_beside_a_benign_card_lead_with_emergency_care(
    question: str, benign: str, lead: str | None
) -> None:
    # the best-fitting of the emergencies the flag and the card point to leads
    ranked = [(benign, 1.0), ("spreading_rash_fever", 0.3), ("heatstroke", 0.2),
              ("purpura_fever", 0.1), ("sjs_ten", 0.1), ("anaphylaxis", 0.05)]  # fmt: skip
    got = answer(question, ranked)
    assert got.kind in ("emergency_card", "systemic_emergency"), got
    assert got.text is not None
    assert urges_emergency_care(got.text)
    assert not benign_named(benign, got.text.split("\n\n")[0])
    assert benign not in got.cards
    if lead is not None:
        assert got.cards[0] == lead


@pytest.mark.parametrize(
    ("question", "benign"),
    [
        # a card's own single-sign red flag, which its source sends to a doctor the same day
        # (NHS "Sunburn": a high temperature; "Atopic eczema": a fever; a drug rash with a fever)
        ("Got fried on a catamaran trip, now shivery with a temperature of 38.6", "sunburn"),
        ("湿疹这两天突然变重，还发烧了", "eczema"),
        ("三天前开始吃新开的降压药，手臂上起了一片红疹，今天有点发烧", "mild_drug_rash"),
        # a fever after a wound: infection (NHS "Cuts and grazes", "Animal and human bites", CDC
        # marine hazards, NHS "Boils"), a doctor today (wound_fever_rule_2026-12-05.md)
        ("Grazed my knee on a scooter four days ago, it's oozing and now I have a fever",
         "cuts_grazes"),
        ("珊瑚划伤的小腿一直没好，今天开始发烧", "coral_cuts"),
        ("The cat scratch on my wrist is swollen and I've got a temperature tonight",
         "animal_bite_scratch"),
        ("腿上的疖子越长越大，晚上还发烧了", "boil_abscess"),
    ],
)  # fmt: skip
def test_a_card_s_own_urgent_flag_leads_with_a_doctor_today_then_the_care(
    question: str, benign: str
) -> None:
    got = answer(question, [(benign, 1.0), ("spreading_rash_fever", 0.3)])
    assert got.kind == "systemic_urgent", got
    assert got.cards == (benign,)
    assert got.text is not None
    first = got.text.split("\n\n")[0]
    assert first.startswith("⚠️")
    assert "today" in first or "今天" in first
    # the card is not the answer's diagnosis ("most like"), and its care comes after the lead
    likely = {"zh": "较像", "en": "most like"}
    assert not any(w in got.text for w in likely.values())
    assert not urges_emergency_care(got.text)  # a doctor today, not an ambulance


@pytest.mark.parametrize(
    ("question", "card"),
    [
        # a fever is part of these conditions' own picture
        ("孩子出水痘第三天，有点发烧，身上好多水疱很痒", "chickenpox"),
        ("My son has hand, foot and mouth, a mild fever and blisters on his palms",
         "hand_foot_mouth"),
        # no systemic sign, or one denied
        ("Sunburnt shoulders with a few blisters after snorkelling, no fever, feel fine",
         "sunburn"),
        ("晒伤了，背上起了水泡，没有发烧", "sunburn"),
        ("Grazed my knee on a scooter, no fever, just sore", "cuts_grazes"),
        ("Hives on my arms after the seafood buffet, not vomiting, breathing fine", "urticaria"),
        # a colour is not the glass test
        ("Purple itchy swollen toes since the ski trip", "chilblains"),
        # vomiting alone is not a flag beside a drug rash (the diarrhoea the antibiotic was for)
        ("Rash on my trunk a week into antibiotics for traveller's diarrhoea, no fever",
         "mild_drug_rash"),
    ],
)  # fmt: skip
def test_the_same_signs_within_a_card_s_own_picture_keep_the_card(question: str, card: str) -> None:
    got = answer(question, [(card, 1.0), ("spreading_rash_fever", 0.3)])
    assert got.kind == "card", got
    assert got.cards[0] == card


def test_a_card_s_expected_signs_drop_only_the_general_flags_that_use_them() -> None:
    chickenpox = FLAGS.flags_for(KB.get("chickenpox"))
    assert not any("fever" in f.signs for f in chickenpox)
    assert any(f.signs == {"consciousness"} for f in chickenpox)  # drowsiness still counts
    sunburn = FLAGS.flags_for(KB.get("sunburn"))
    fever = SignCombination(frozenset({"fever"}), ("heatstroke", "spreading_rash_fever"), "urgent")
    assert fever in sunburn
    assert FLAGS.flags_for(None) == FLAGS.red_flags


def test_a_follow_up_adding_a_fever_and_vomiting_to_a_sunburn_leads_with_emergency_care() -> None:
    first = "Bad sunburn on my back from the boat trip"
    earlier = answer(first, [("sunburn", 1.0)])
    assert earlier.kind == "card"
    thread = [HumanMessage(first), earlier.message()]
    assert isinstance(thread[1], AIMessage)
    assert thread[1].response_metadata["answer"] == CARD_LED
    follow = "now I've got the chills and a temperature and I keep vomiting"
    from agents.card_answer import CardLedDoctor
    from tests.unit.test_card_answer import MARGIN, FixedSearch

    doctor = CardLedDoctor(MARGIN, FixedSearch([("sunburn", 1.0), ("heatstroke", 0.2)]))  # type: ignore[arg-type]
    got = doctor.answer([*thread, HumanMessage(follow)], [first, follow])
    assert got.kind == "emergency_card"
    assert got.cards == ("spreading_rash_fever",)  # toxic shock, sepsis: fever with vomiting


def test_a_dose_request_with_systemic_signs_leads_with_the_danger_and_still_refuses() -> None:
    question = "晒伤后发高烧还一直吐，布洛芬能吃几片？"
    got = answer(question, [("sunburn", 1.0), ("heatstroke", 0.4), ("spreading_rash_fever", 0.3)])
    assert got.kind in ("emergency_card", "systemic_emergency")
    assert got.text is not None
    assert urges_emergency_care(got.text.split("\n\n")[0])
    assert "剂量我不能给" in got.text


def test_every_lead_is_an_emergency_card_and_every_sign_a_feature() -> None:
    for f in FLAGS.red_flags:
        assert f.signs <= set(FLAGS.labels)
        assert all(KB.get(c).emergency for c in f.lead)
    FLAGS.check_cards(KB)


def test_a_flag_naming_an_unknown_feature_fails_at_load(tmp_path: Path) -> None:
    bad = tmp_path / "flags.yaml"
    bad.write_text(
        "features: {fever: {zh: 发烧, en: a fever}}\n"
        "red_flags: [{signs: [fever, sneezing], lead: []}]\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="sneezing"):
        systemic_red_flags.__wrapped__(bad)


def test_a_flag_answered_earlier_is_not_raised_again_by_a_turn_without_its_signs() -> None:
    sunburn = KB.get("sunburn")
    texts = ["Sunburn on my back and a fever of 38.5", "which aloe gel should I buy?"]
    assert FLAGS.read(sunburn, texts[:1]) is not None
    assert FLAGS.read(sunburn, texts) is None
    assert FLAGS.read(sunburn, [*texts, "and now I'm vomiting"]) is not None


def test_a_benign_card_listed_beside_an_unsure_emergency_is_judged_too() -> None:
    # an emergency card leads without a clear margin: the answer would list sunburn beside it
    question = "Sunburnt shoulders from the boat, now chills, 38.4 and diarrhoea"
    got = answer(question, [("heatstroke", 1.0), ("sunburn", 0.97)])
    assert got.kind == "emergency_card"
    assert got.cards == ("spreading_rash_fever",)
    assert got.text is not None
    assert not benign_named("sunburn", got.text)


@pytest.mark.parametrize(
    ("question", "card", "urgent"),
    [
        # dizziness is a red flag beside the cards whose red flags name it (anaphylaxis, heat) ...
        ("Hives all over my arms after the prawns and I'm suddenly light-headed", "urticaria",
         True),
        # ... not beside any card: standing up fast out of a hot tub
        ("Itchy pimples on my thighs after the hotel jacuzzi; I felt dizzy getting out but I'm ok",
         "folliculitis", False),
    ],
)  # fmt: skip
def test_dizziness_alone_is_a_flag_only_where_the_card_names_it(
    question: str, card: str, urgent: bool
) -> None:
    got = answer(question, [(card, 1.0), ("anaphylaxis", 0.3)])
    assert (got.kind == "emergency_card") is urgent, got


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("I pressed a glass on the spots and they're still there", True),
        ("the spots fade when I press a glass on them", False),  # the test passed: no sign
        ("拿杯子按了一下，红点没有变淡", True),  # a denial that is the sign itself
        ("用玻璃杯压了一下就褪了", False),
        ("Purple itchy toes after skiing", False),  # a colour is not the glass test
    ],
)
def test_the_glass_test_is_read_by_its_outcome(text: str, shown: bool) -> None:
    assert ("non_blanching" in FLAGS.signs.signs(text)) is shown
