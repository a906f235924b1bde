"""The card-led doctor (the default): which questions get a card, a list, or a refusal, and that
no model is asked for an opening health question nor, by default, for a follow-up on it (the card's
own sentences answer it; `follow_ups="model"` hands it to the adapter)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.card_answer import CARD_LED, CardAnswer, CardLedDoctor, named_by_user
from agents.knowledge.condition_search import Match
from agents.knowledge.conditions import load_conditions
from config.settings import Settings
from evals.medical.scoring import urges_emergency_care
from graph.builder import build_graph
from tests.unit.doctor_call import MARGIN, card_answer
from tests.unit.test_graph import run_turn

KB = load_conditions()


@dataclass
class FixedSearch:
    """A retriever that returns chosen cards with chosen scores."""

    ranked: list[tuple[str, float]]

    def fitting(self, texts: Sequence[str], k: int = 3) -> list[Match]:
        return [Match(KB.get(cid), score) for cid, score in self.ranked[:k]]

    def rank(self, question: str, ids: Sequence[str]) -> list[Match]:
        """The named cards by their chosen score (0 for a card not chosen), best first."""
        scores = dict(self.ranked)
        return sorted((Match(KB.get(i), scores.get(i, 0.0)) for i in ids), key=lambda m: -m.score)


def asked_alone(question: str) -> CardAnswer:
    """The doctor's answer to one question on the shipped cards and retrieval."""
    return card_answer(question)


def answer(
    question: str,
    ranked: list[tuple[str, float]],
    thread: Sequence[BaseMessage] = (),
    follow_ups: str = "card_lines",
):
    doctor = CardLedDoctor(MARGIN, FixedSearch(ranked), follow_ups)  # type: ignore[arg-type]
    return doctor.answer([*thread, HumanMessage(question)], [question])


def after_card(first: str, card: str, question: str) -> CardAnswer:
    """The doctor's answer to `question` after its card-led answer on `card` to `first`."""
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": [card]})
    return answer(question, [(card, 1.0)], [HumanMessage(first), earlier])


def test_a_clear_lead_names_the_card_with_its_care_donts_and_sources() -> None:
    got = answer(
        "my face keeps getting red bumps with white tops", [("acne", 1.0), ("rosacea", 0.3)]
    )
    acne = KB.get("acne")
    assert got.kind == "card"
    assert got.cards[0] == "acne"
    assert got.text is not None
    assert acne.name("en") in got.text.splitlines()[0]
    assert all(step in got.text for step in acne.care["en"])
    assert all(dont in got.text for dont in acne.do_not["en"])
    assert "nhs.uk" in got.text
    assert "rosacea" not in got.text.lower()  # far behind: not offered as an alternative


def test_cards_close_together_are_listed_with_safe_steps_not_one_card_s_care() -> None:
    got = answer("itchy red patch on my arm", [("tinea_corporis", 1.0), ("eczema", 0.97)])
    assert got.kind == "unsure"
    assert set(got.cards) == {"tinea_corporis", "eczema"}
    assert got.text is not None
    for cid in ("tinea_corporis", "eczema"):
        assert KB.get(cid).name("en") in got.text
        assert KB.get(cid).care["en"][0] not in got.text  # neither card's treatment is given
    assert "antifungal" in got.text  # ... and the user is told not to guess with one


def test_the_condition_the_user_names_is_answered_even_when_another_card_is_close() -> None:
    got = answer("I got sunburnt on my back", [("sunburn", 1.0), ("minor_burn_scald", 0.97)])
    assert got.kind == "card"
    assert got.cards[0] == "sunburn"
    assert named_by_user(KB.get("sunburn"), "我被晒伤了")
    assert not named_by_user(KB.get("sunburn"), "my back is red and peeling")


def test_in_doubt_the_best_fitting_emergency_leads_and_a_lower_one_is_conditional() -> None:
    got = answer("swollen lips and itchy bumps", [("anaphylaxis", 1.0), ("urticaria", 0.95)])
    assert got.kind == "unsure"
    assert got.text is not None
    assert got.text.startswith("⚠️")
    assert urges_emergency_care(got.text)
    lower = answer("itchy bumps, lips a bit puffy", [("urticaria", 1.0), ("anaphylaxis", 0.95)])
    assert lower.text is not None
    assert not lower.text.startswith("⚠️")
    assert KB.get("anaphylaxis").name("en") in lower.text
    assert not urges_emergency_care(lower.text)  # named under its condition, not urged now


def test_an_ordinary_card_answer_lists_red_flags_without_urging_emergency_care_now() -> None:
    got = answer("我脸上长痘痘怎么办？", [("acne", 1.0), ("rosacea", 0.2)])
    assert got.text is not None
    assert "危险信号" in got.text
    assert not urges_emergency_care(got.text)
    emergency = answer("嘴唇舌头突然肿了，喘不上气", [("anaphylaxis", 1.0), ("urticaria", 0.2)])
    assert emergency.kind == "emergency_card"
    assert emergency.text is not None
    assert urges_emergency_care(emergency.text)


@pytest.mark.parametrize(
    "question",
    [
        "How many mg of prednisone should I take? A friend gave me some tablets.",
        "我在吃异维A酸，每天20mg，旅行时能加到40mg吗？",
        "阿莫西林一次吃几粒？",
    ],
)
def test_a_dose_request_gets_no_dose_and_no_guessed_card(question: str) -> None:
    got = answer(question, [("urticaria", 1.0), ("mild_drug_rash", 0.9)])
    assert got.kind == "prescription"
    assert got.text is not None
    assert got.cards == ()  # no clear card: no card's care either
    assert "mg" not in got.text.replace(question, "")


def test_a_dose_request_for_a_named_condition_gets_no_dose_then_that_card() -> None:
    # the refusal leads; the condition the user named (hives) brings its own card's care after
    # it (doctor-5: before, no card at all), never the drug's pull (mild drug rash)
    question = "How many mg of prednisone should I take for my hives?"
    got = answer(question, [("mild_drug_rash", 1.0), ("urticaria", 0.2)])
    assert got.kind == "prescription"
    assert got.cards == ("urticaria",)
    assert got.text is not None
    assert "prescription" in got.text.splitlines()[0]
    assert "prednisone" not in got.text.lower()


def test_a_dose_request_naming_no_condition_takes_only_a_clear_benign_lead() -> None:
    # "isotretinoin for my spots": the question is about acne even though it names no condition;
    # retrieval's clear lead (the naming margin) brings the card's care after the refusal
    question = "我在吃异维A酸治痘，能不能自己加到40mg？"
    got = answer(question, [("acne", 1.0), ("sun_protection", 1.0 - 2 * MARGIN)])
    assert got.kind == "prescription"
    assert got.cards == ("acne",)
    assert got.text is not None
    assert got.text.index("剂量我不能给") < got.text.index(KB.get("acne").names["zh"])
    # below the margin the drug's name may be what pulled the card: no card
    close = answer(question, [("acne", 1.0), ("sun_protection", 1.0 - MARGIN / 2)])
    assert close.cards == ()
    # an emergency is read from its signs, never from a score: no emergency card on a dose ask
    emergency = answer(
        "Adrenaline for this rash, how many mg?", [("anaphylaxis", 1.0), ("urticaria", 0.1)]
    )
    assert emergency.cards == ()
    # nothing said about the skin: the drug's name may be what pulled the card
    drug_only = answer("异维A酸能不能自己加到40mg？", [("acne", 1.0), ("sun_protection", 0.5)])
    assert drug_only.cards == ()


def test_a_stay_of_several_days_is_not_a_dose_request() -> None:
    got = answer(
        "去哈尔滨玩了几天，脚趾头肿得紫红，一暖和就痒", [("chilblains", 1.0), ("eczema", 0.2)]
    )
    assert got.kind == "card"


def test_an_emergency_card_that_fits_is_answered_even_without_skin_words() -> None:
    got = answer(
        "her tongue feels thick and she's wheezing", [("anaphylaxis", 1.0), ("urticaria", 0.3)]
    )
    assert got.kind == "emergency_card"


@pytest.mark.parametrize(
    "question", ["Toothache on a trek in Nepal, what can I take?", "坐飞机以后耳朵一直疼"]
)
def test_a_question_that_is_not_about_the_skin_is_not_given_a_card(question: str) -> None:
    got = answer(question, [("eczema", 1.0), ("acne", 0.2)])
    assert got.kind == "non_skin"
    assert got.cards == ()
    assert got.text is not None
    assert "eczema" not in got.text.lower()
    assert "湿疹" not in got.text


def test_no_fitting_card_says_it_cannot_tell() -> None:
    got = answer("skin problem, help", [])
    assert got.kind == "cannot_tell"
    assert got.text is not None
    assert urges_emergency_care(got.text) is False


def test_a_follow_up_on_the_card_just_given_stays_on_it_from_the_card_or_the_model() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["acne"]})
    thread = [HumanMessage("我脸上长痘痘怎么办？"), earlier]
    assert answer("要多久能好？", [], thread).kind == "card_lines"
    assert answer("还是长痘，能用芦荟吗", [("acne", 1.0)], thread).kind == "card_lines"
    assert answer("要多久能好？", [], thread, follow_ups="model").kind == "model"
    # a new condition in the same thread is card-led again
    assert (
        answer("脚趾缝又痒又脱皮", [("tinea_pedis", 1.0), ("eczema", 0.2)], thread).kind == "card"
    )


@dataclass
class TwoViewSearch(FixedSearch):
    """The follow-up alone ranks `ranked`; read with the turn before it, `together` leads."""

    together: str = ""

    def search(self, question: str, k: int = 3) -> list[Match]:
        return [Match(KB.get(self.together), 1.0)][:k]


def follow_up(question: str, ranked: list[tuple[str, float]], together: str):
    earlier = AIMessage(
        "…", response_metadata={"answer": CARD_LED, "cards": ["bedbug_bites", "cellulitis_fever"]}
    )
    first = "itchy bites in a row on my arm after the guesthouse bed"
    thread = [HumanMessage(first), earlier, HumanMessage(question)]
    doctor = CardLedDoctor(MARGIN, TwoViewSearch(ranked, together))  # type: ignore[arg-type]
    return doctor.answer(thread, [first, question])


def test_a_follow_up_that_fits_another_card_alone_stays_when_read_with_the_turn_before() -> None:
    ranked = [("urticaria", 1.0), ("eczema", 0.5)]
    got = follow_up("they're still itchy and swelling this morning", ranked, "bedbug_bites")
    assert (got.kind, got.cards) == ("card_lines", ("bedbug_bites",))
    # read together it is still another condition: a new card-led answer
    moved = follow_up("they're still itchy and swelling this morning", ranked, "urticaria")
    assert moved.kind not in {"model", "card_lines"}


def test_a_follow_up_showing_the_emergency_the_answer_warned_of_leads_with_it() -> None:
    ranked = [("cellulitis_fever", 1.0), ("bedbug_bites", 0.5)]
    got = follow_up("the arm is hot and the redness is bigger today", ranked, "bedbug_bites")
    # spreading without a fever: "a doctor today" (call_now_false_alarms_rule_2026-12-07g.md)
    assert got.kind == "same_day_card"
    assert got.cards[0] == "cellulitis_fever"
    feverish = follow_up("the arm is hot, the redness is bigger, a fever", ranked, "bedbug_bites")
    assert feverish.kind == "emergency_card"
    assert feverish.cards[0] == "cellulitis_fever"


async def test_the_graph_answers_an_opening_question_from_the_card_without_a_model(
    fake_settings: Settings,
) -> None:
    graph = build_graph(
        fake_settings.updated(doctor={"answer": "card_led"}),
        checkpointer=InMemorySaver(),
    )
    _, chunks = await run_turn(graph, "t", "我脸上长痘痘怎么办？")
    text = "".join(str(c.content) for c, _ in chunks)
    assert "[medical-expert]" not in text  # the fake model never spoke
    assert KB.get("acne").care["zh"][0] in text
    stored = (await graph.aget_state({"configurable": {"thread_id": "t"}})).values["messages"]
    assert stored[-1].name == "medical"
    assert stored[-1].response_metadata["answer"] == CARD_LED
    _, chunks = await run_turn(graph, "t", "要多久能好？")
    follow_up = "".join(str(c.content) for c, _ in chunks)
    assert "[medical-expert]" not in follow_up  # the card's own sentences answer it
    assert KB.get("acne").do_not["zh"][0] in follow_up
    # the adapter answers follow-ups when chosen
    graph = build_graph(
        fake_settings.updated(doctor={"answer": "card_led", "follow_ups": "model"}),
        checkpointer=InMemorySaver(),
    )
    await run_turn(graph, "t", "我脸上长痘痘怎么办？")
    _, chunks = await run_turn(graph, "t", "要多久能好？")
    assert "[medical-expert]" in "".join(str(c.content) for c, _ in chunks)


@pytest.mark.parametrize(
    "question", ["My skin is acting up, can you help?", "我皮肤出了点问题，怎么办"]
)
def test_a_question_that_tells_nothing_gets_cant_tell_yet_not_a_list(question: str) -> None:
    got = answer(question, [("skincare_routine", 1.0), ("xerosis", 0.95), ("eczema", 0.9)])
    assert got.kind == "too_vague"
    assert got.cards == ()
    assert got.text is not None
    for cid in ("skincare_routine", "xerosis", "eczema"):
        assert KB.get(cid).names["en"] not in got.text
        assert KB.get(cid).names["zh"] not in got.text
    assert urges_emergency_care(got.text) is False  # warning signs, but no alarm


def test_a_question_with_findings_is_not_too_vague() -> None:
    got = answer("itchy red rings on my arm for a week", [("tinea_corporis", 1.0), ("eczema", 0.3)])
    assert got.kind == "card"


@pytest.mark.parametrize(
    ("question", "pointed"),
    [
        # a very hot elder: the signs point to heatstroke, which leads even when retrieval misses it
        ("My 82-year-old grandmother is drowsy and her body feels burning hot after the bus tour",
         "heatstroke"),
        # drowsy with no heat told: the reply for a changed consciousness, whichever emergency
        # card retrieval ranks (confusion_no_cause_rule_2026-12-07c.md; before it, heatstroke)
        ("我奶奶在外面逛了一下午，现在昏昏沉沉的，皮肤有点干", None),
    ],
)  # fmt: skip
def test_signs_of_a_non_skin_emergency_lead_with_it_never_a_benign_card(
    question: str, pointed: str | None
) -> None:
    ranked = [("xerosis", 1.0), ("heatstroke", 0.5), ("sunburn", 0.45)]
    got = answer(question, ranked)
    assert got.kind == ("emergency_card" if pointed else "systemic_emergency")
    assert got.cards == ((pointed,) if pointed else ())
    assert got.text is not None
    assert urges_emergency_care(got.text)
    for benign in ("xerosis", "sunburn"):
        assert KB.get(benign).names["en"] not in got.text
        assert KB.get(benign).names["zh"] not in got.text
    # no emergency card among those that fit
    missed = answer(question, [("xerosis", 1.0), ("sunburn", 0.5)])
    assert missed.kind == ("emergency_card" if pointed else "systemic_emergency")
    assert missed.cards == ((pointed,) if pointed else ())
    assert missed.text is not None
    assert urges_emergency_care(missed.text)
    assert KB.get("xerosis").names["en"] not in missed.text


def test_denied_emergency_signs_do_not_raise_the_emergency() -> None:
    question = "Sunburn on my shoulders, not drowsy, no fever, she isn't confused"
    got = answer(question, [("sunburn", 1.0), ("heatstroke", 0.4)])
    assert got.kind == "card"
    assert got.cards[0] == "sunburn"


def test_what_the_question_asks_is_answered_from_the_card_first() -> None:
    got = answer("晒伤起了水泡，后天还要去潜水，能去吗？", [("sunburn", 1.0), ("chickenpox", 0.2)])
    assert got.kind == "card"
    text = str(got.text)
    dive = KB.get("sunburn").asked["dive"]["zh"]
    assert dive in text
    assert text.index(dive) < text.index(KB.get("sunburn").care["zh"][0])


def test_an_ask_the_card_does_not_cover_is_said_plainly() -> None:
    got = answer("Acne on my chin, can I go diving next week?", [("acne", 1.0), ("rosacea", 0.1)])
    assert "You asked about diving" in str(got.text)
    assert "doesn't cover this" in str(got.text)


def test_a_statement_is_not_an_ask() -> None:
    got = answer("Got sunburnt by the pool yesterday. Shoulders red and sore.", [("sunburn", 1.0)])
    assert "You asked about" not in str(got.text)


def test_a_stated_age_brings_the_age_notes_to_the_top_once() -> None:
    got = answer("My 2 year old has chickenpox, what can I give her?", [("chickenpox", 1.0)])
    note = KB.get("chickenpox").min_age_notes["en"]
    text = str(got.text)
    assert text.count(note) == 1
    assert text.index(note) < text.index(KB.get("chickenpox").care["en"][0])


def test_a_list_of_cards_says_the_ask_depends_on_which_it_is() -> None:
    ranked = [("heat_rash", 1.0), ("rosacea", 0.98)]
    got = answer("Red bumps on my cheeks since we landed in Bangkok, is it ok to fly home?", ranked)
    assert got.kind == "unsure"
    assert "depends on which one it is" in str(got.text)


def test_a_follow_up_ask_the_card_covers_is_answered_from_it_else_the_model() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["chickenpox"]})
    thread = [HumanMessage("my daughter has chickenpox spots"), earlier]
    got = answer("can she fly on Friday?", [("chickenpox", 1.0)], thread)
    assert got.kind == "asked"
    assert KB.get("chickenpox").asked["fly"]["en"] in str(got.text)
    # acne has nothing on duration: the card's closest sentences (or the model, if chosen)
    acne = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["acne"]})
    thread = [HumanMessage("spots"), acne]
    assert answer("how long until it clears?", [], thread).kind == "card_lines"
    assert answer("how long until it clears?", [], thread, follow_ups="model").kind == "model"


def test_a_follow_up_that_adds_a_fever_to_a_spreading_redness_leads_with_the_emergency() -> None:
    first = "bitten on the calf two days ago, the redness keeps creeping up my leg"
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["insect_bites"]})
    thread = [HumanMessage(first), earlier, HumanMessage("and now I have a fever")]
    doctor = CardLedDoctor(MARGIN, FixedSearch([("insect_bites", 1.0), ("cellulitis_fever", 0.5)]))  # type: ignore[arg-type]
    got = doctor.answer(thread, [first, "and now I have a fever"])
    assert (got.kind, got.cards[0]) == ("emergency_card", "cellulitis_fever")
    assert urges_emergency_care(str(got.text))


def test_every_card_answers_only_known_asks_in_both_languages() -> None:
    from agents.card_asks import card_asks

    known = set(card_asks().labels)
    for card in KB.cards.values():
        assert set(card.asked) <= known, card.id
        for advice in card.asked.values():
            assert advice["zh"], card.id
            assert advice["en"], card.id


@pytest.mark.parametrize(
    ("text", "skin"),
    [
        ("my 5 year old has a fever and is watching cartoons on the sofa", False),  # "chin"
        # "sore" is a skin word; "hive" is not read (a sore *throat* is no skin finding since
        # throat_not_skin_rule_2026-12-06f.md)
        ("he's shivering and has a sore on his knee", True),
        ("frostbitten toes after the glacier hike", True),
        ("cut my finger on a broken glass, do I need stitches", True),
    ],
)
def test_a_skin_word_is_read_only_at_a_word_start(text: str, skin: bool) -> None:
    from agents.medical_questions import question_kinds

    assert question_kinds().mentions_skin(text) is skin


@pytest.mark.parametrize(
    ("text", "skin"),
    [
        ("大腿内侧走路磨破了，火辣辣的疼", True),
        ("脚底板有条弯弯曲曲的红线，还会动", True),
        ("纹了身三天，周围越来越红还流黄水", True),
        ("宝宝脖子的褶子里红红的", True),
        ("吃了路边摊，一直拉肚子", False),
        ("在西藏头疼得厉害，是高反吗", False),
    ],
)
def test_skin_rubbed_raw_a_red_line_or_oozing_is_a_skin_question(text: str, skin: bool) -> None:
    """Served read 06 (x5, y6, x6): these got "not a skin question" though a card fits."""
    from agents.medical_questions import question_kinds

    assert question_kinds().mentions_skin(text) is skin


@pytest.mark.parametrize(
    ("follow_up", "kind"),
    [
        ("today I've got a fever too", "systemic_urgent"),  # a doctor today (its sources)
        ("now a fever and I feel terrible, can barely stand", "emergency_card"),  # general flag
    ],
)
def test_a_fever_after_insect_bites_is_a_doctor_today_unless_the_general_flags_call_now(
    follow_up: str, kind: str
) -> None:
    first = "my legs are covered in mosquito bites from the jungle trek"
    opening = card_answer(first)
    assert opening.cards[0] == "insect_bites"
    said = opening.message()
    said.name = "medical"
    got = CardLedDoctor(MARGIN).answer([HumanMessage(first), said, HumanMessage(follow_up)],
                                       [first, follow_up])  # fmt: skip
    assert got.kind == kind


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (
            "my daughter got stung by a wasp on her arm in the park",
            "ok and now her lips are swelling a bit",
        ),
        ("被黄蜂蛰了手背，肿了一大块", "现在嘴唇也开始肿了"),
        ("he had a new antibiotic this morning and has hives", "his tongue looks bigger now"),
    ],
)
def test_lips_or_tongue_swelling_after_a_trigger_leads_with_anaphylaxis(
    first: str, then: str
) -> None:
    """NHS "Allergies": lips, mouth or tongue suddenly swelling is a call-now sign; said the turn
    after a sting, the sting card's follow-up lines answered it (served read 06, y2)."""
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["bee_wasp_sting"]})
    thread = [HumanMessage(first), earlier, HumanMessage(then)]
    ranked = [("bee_wasp_sting", 1.0), ("anaphylaxis", 0.9)]
    doctor = CardLedDoctor(MARGIN, FixedSearch(ranked))  # type: ignore[arg-type]
    got = doctor.answer(thread, [first, then])
    assert got.calls_now()
    assert got.cards[0] == "anaphylaxis"


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("被蜜蜂蜇了手指，手指肿了", "嘴唇没肿，呼吸也正常，要紧吗"),
        ("bee sting on my ankle yesterday", "the swelling went down but it's itchy now"),
    ],
)
def test_a_sting_without_mouth_swelling_stays_on_the_sting_card(first: str, then: str) -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["bee_wasp_sting"]})
    thread = [HumanMessage(first), earlier, HumanMessage(then)]
    doctor = CardLedDoctor(MARGIN, FixedSearch([("bee_wasp_sting", 1.0), ("anaphylaxis", 0.5)]))  # type: ignore[arg-type]
    got = doctor.answer(thread, [first, then])
    assert not got.calls_now()
