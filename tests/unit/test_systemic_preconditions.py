"""Emergency leads respect their preconditions: SJS/TEN ("stop the suspected medicine") only when a
medicine was taken; an emergency card never leads on retrieval's score alone without one of its
own signs; blisters with a fever, a nappy rash with a fever, a fever after a tick bite are a
doctor today, not an ambulance (the sealed test's three false alarms at 9a8f4cc87a, as classes;
these phrasings are new)."""

from __future__ import annotations

import dataclasses

import pytest

from agents.knowledge.condition_search import Match
from agents.knowledge.conditions import load_conditions
from agents.systemic_red_flags import systemic_red_flags
from evals.medical.scoring import urges_emergency_care
from tests.unit.test_card_answer import answer

KB = load_conditions()
FLAGS = systemic_red_flags()
STOP_DRUG = KB.get("sjs_ten").care["en"][1]  # "Stop the suspected medicine ..."


def test_skin_coming_off_with_a_fever_but_no_medicine_calls_now_without_sjs() -> None:
    ranked = [("sunburn", 1.0), ("sjs_ten", 0.6), ("spreading_rash_fever", 0.3)]
    got = answer("Her skin is coming off in sheets on her back and she has a fever of 39", ranked)
    assert got.text is not None
    assert urges_emergency_care(got.text)
    assert "sjs_ten" not in got.cards
    assert STOP_DRUG not in got.text


def test_skin_coming_off_with_a_fever_after_a_new_medicine_leads_with_sjs() -> None:
    ranked = [("sunburn", 1.0), ("sjs_ten", 0.6), ("spreading_rash_fever", 0.3)]
    got = answer(
        "Started new antibiotics last week, now her skin is coming off in sheets and a fever",
        ranked,
    )
    assert got.cards[:1] == ("sjs_ten",)
    assert got.text is not None
    assert STOP_DRUG in got.text


@pytest.mark.parametrize(
    ("question", "card"),
    [
        # blisters with a fever beside a card that expects neither: a doctor today
        ("My 3-year-old has crusty blisters round his nose and a temperature of 38.4", "impetigo"),
        # a nappy rash with a fever (NHS: a doctor today)
        ("宝宝十个月，尿布疹起了小水泡，今天发烧38度3", "nappy_rash"),
        # a fever and aches within weeks of a tick bite (CDC, NHS "Lyme disease")
        ("Removed a tick two weeks ago, now fever, really achy all over and exhausted",
         "tick_bite"),
    ],
)  # fmt: skip
def test_same_day_pictures_get_a_doctor_today_not_call_now(question: str, card: str) -> None:
    ranked = [(card, 1.0), ("spreading_rash_fever", 0.3), ("sjs_ten", 0.2)]
    got = answer(question, ranked)
    assert got.kind == "systemic_urgent", got
    assert got.cards == (card,)
    assert got.text is not None
    assert not urges_emergency_care(got.text)


def test_a_tick_bite_with_a_stiff_neck_and_fever_is_still_an_emergency() -> None:
    ranked = [("tick_bite", 1.0), ("purpura_fever", 0.3), ("spreading_rash_fever", 0.2)]
    got = answer("Tick bite last week, now a high fever and a stiff neck", ranked)
    assert got.kind in ("emergency_card", "systemic_emergency"), got
    assert got.text is not None
    assert urges_emergency_care(got.text)


def test_an_emergency_card_without_its_signs_is_listed_not_leading() -> None:
    # "burn" as a feeling is no burn: retrieval's severe burn is listed behind the sting
    ranked = [("severe_burn", 1.0), ("jellyfish_sting", 0.7)]
    got = answer("Something in the sea left red lines on my arm that burn like mad", ranked)
    assert got.cards[0] == "jellyfish_sting"
    assert got.text is not None
    assert not got.text.startswith("⚠️")
    assert not urges_emergency_care(got.text)  # only "if it looks more like ..., call now"


@pytest.mark.parametrize(
    ("question", "ranked"),
    [
        # its sign shows
        ("Spilled boiling water on my arm, the burn is bigger than my hand",
         [("severe_burn", 1.0), ("minor_burn_scald", 0.2)]),
        # the user names it
        ("is this heatstroke? sweating buckets after the walk and a headache",
         [("heatstroke", 1.0), ("hyperhidrosis", 0.5)]),
    ],
)  # fmt: skip
def test_an_emergency_card_with_its_sign_or_named_keeps_its_place(
    question: str, ranked: list[tuple[str, float]]
) -> None:
    got = answer(question, ranked)
    assert got.cards[0] == ranked[0][0]


def test_emergencies_behind_moves_only_unshown_emergency_cards() -> None:
    matches = [Match(KB.get("anaphylaxis"), 1.0), Match(KB.get("urticaria"), 0.9)]
    assert [m.card.id for m in FLAGS.emergencies_behind(matches, ["itchy welts on my arms"])] == [
        "urticaria",
        "anaphylaxis",
    ]
    swollen = ["itchy welts and my lips are swelling up"]
    assert FLAGS.emergencies_behind(matches, swollen)[0].card.id == "anaphylaxis"
    kept = FLAGS.emergencies_behind(matches, ["itchy welts"], keep={"anaphylaxis"})
    assert kept[0].card.id == "anaphylaxis"


def test_needs_must_be_sign_groups_on_an_emergency_card() -> None:
    class OneCard:
        def __init__(self, card: object) -> None:
            self.cards = {"x": card}

        def get(self, cid: str) -> object:
            return KB.get(cid)

    bad_group = dataclasses.replace(KB.get("sjs_ten"), systemic_needs=frozenset({"nonsense"}))
    with pytest.raises(ValueError, match="no sign group"):
        FLAGS.check_cards(OneCard(bad_group))  # type: ignore[arg-type]
    benign = dataclasses.replace(KB.get("sunburn"), systemic_needs=frozenset({"fever"}))
    with pytest.raises(ValueError, match="only an emergency card"):
        FLAGS.check_cards(OneCard(benign))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("my daughter has a high temperature since this morning", "fever"),
        ("泡完温泉一阵阵发冷", "fever"),
        ("她脖子有点发硬，低头都困难", "neck"),
        ("腿上有些紫色的小斑", "purple"),
        ("the little dots stayed when I pressed the glass on them", "non_blanching"),
        ("孩子喘气特别费劲，嗓子里有呼哧声", "breathing"),
        ("his lips are swelling up after the prawns", "face_swelling"),
        ("she knocked her tea over onto her arm", "burn"),
        ("酒店的吹风机漏电，手被电了一下", "burn"),
        ("started new seizure meds last month", "medicine"),
        ("after the long walk she's not answering properly", "consciousness"),
    ],
)
def test_sign_words_read_their_group(text: str, group: str) -> None:
    assert group in FLAGS.signs.signs(text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("the water temperature today is perfect", "fever"),
        ("started new seizure tablets last month", "consciousness"),
        ("手脚发冷", "fever"),
        ("I'm not answering calls from work this week", "consciousness"),
    ],
)
def test_look_alike_words_do_not(text: str, group: str) -> None:
    assert group not in FLAGS.signs.signs(text)


@pytest.mark.parametrize(
    ("question", "ranked"),
    [
        # only the fever-rash emergencies fit by words; a fading rash in a lively child shows none
        # of their own signs (doctor-9)
        ("My girl (4) has a temperature of 38.4 and pink spots that go pale when I press them, "
         "she's chatting away",
         [("spreading_rash_fever", 1.0), ("purpura_fever", 0.9), ("heatstroke", 0.85)]),
        # a fever beside a swollen gland and a toothache: no spreading redness, no cellulitis call
        ("low fever, a sore swollen gland under my jaw and a bad back tooth",
         [("cellulitis_fever", 1.0)]),
    ],
)  # fmt: skip
def test_only_emergencies_none_of_whose_signs_show_do_not_call_now(
    question: str, ranked: list[tuple[str, float]]
) -> None:
    got = answer(question, ranked)
    assert not got.calls_now(), (got.kind, got.cards)
    # a swollen gland and a toothache are no skin finding since throat_not_skin_rule_2026-12-06f
    assert got.kind in ("cannot_tell", "non_skin")


def test_an_emergency_whose_own_sign_shows_still_calls_now() -> None:
    got = answer(
        "fever and the red patch on my shin keeps spreading up my leg", [("cellulitis_fever", 1.0)]
    )
    assert got.calls_now()


@pytest.mark.parametrize(
    "question",
    [
        "他胳膊上的皮一擦就掉，底下是红肉，还在发烧",
        "Fever since yesterday and the skin on her back comes off when you touch it",
        "孩子高烧，屁股上的皮轻轻擦一下就脱了，露出嫩肉",
    ],
)
def test_skin_that_comes_away_at_a_touch_with_a_fever_calls_now(question: str) -> None:
    """Skin that comes away at a touch or leaves raw flesh (NHS "Stevens-Johnson syndrome",
    DermNet "SSSS") said in everyday words: once SJS/TEN stopped leading without a medicine,
    such a turn fell to a benign card's "see a doctor today" (validation a-449, 2026-12-02)."""
    ranked = [("xerosis", 1.0), ("sjs_ten", 0.5)]
    got = answer(question, ranked)
    assert got.text is not None
    assert urges_emergency_care(got.text)


@pytest.mark.parametrize(
    "question",
    ["晒伤以后背上一擦就掉皮，没有发烧", "My heel rubbed raw on a hike, red underneath, no fever"],
)
def test_peeling_or_a_rub_without_a_fever_is_not_an_emergency(question: str) -> None:
    ranked = [("sunburn", 1.0), ("sjs_ten", 0.4)]
    got = answer(question, ranked)
    assert got.text is not None
    assert not urges_emergency_care(got.text)


# A body hot to the touch is how a fever feels too: heatstroke leads only with heat taken in,
# confusion or fainting (2026-12-02 evening; new phrasings).
def test_hot_to_the_touch_alone_does_not_make_heatstroke_lead() -> None:
    ranked = [("heatstroke", 1.0), ("heat_rash", 0.5)]
    got = answer(
        "my son's forehead feels burning hot, 38.9, he's been in bed with a cold all day", ranked
    )
    assert got.text is not None
    assert not urges_emergency_care(got.text), got


def test_hot_skin_and_confusion_after_heat_still_calls_now() -> None:
    ranked = [("heatstroke", 1.0), ("heat_rash", 0.5)]
    got = answer(
        "after a whole afternoon hiking in the desert my dad feels burning hot and he's confused",
        ranked,
    )
    assert got.text is not None
    assert urges_emergency_care(got.text), got
