"""Conditions the user names by a card's own names: read for the answer (a dose request keeps the
named card's care; a second named condition gets its own part), never from a doubted guess."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from agents.card_answer import CardLedDoctor
from agents.knowledge.condition_names import conditions_guessed, conditions_named
from agents.knowledge.conditions import load_conditions
from tests.unit.test_card_answer import MARGIN, FixedSearch

KB = load_conditions()


def named(text: str) -> list[str]:
    return [c.id for c in conditions_named(text, KB.cards.values())]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("我妈妈的带状疱疹药一次该吃几粒", ["shingles"]),
        ("Grandpa's shingles came back on the cruise", ["shingles"]),
        ("儿子手足口病，女儿又长了痱子", ["hand_foot_mouth", "heat_rash"]),
        ("she has hives after the buffet", ["urticaria"]),
        ("全身起了荨麻疹", ["urticaria"]),  # not measles (麻疹 inside 荨麻疹)
        ("not eczema, I think it's something else", []),
        ("不是湿疹", []),
        ("外公以为是湿疹，涂了药膏反而更大了", []),  # a wrong guess is not what he has
        ("we thought it was ringworm but it keeps moving", []),
        ("the doctor ruled out scabies", []),
        ("my back hurts after the flight", []),
    ],
)
def test_names_are_read_from_the_card_names_not_doubts_or_denials(
    text: str, ids: list[str]
) -> None:
    assert named(text) == ids


def ask(question: str, ranked: list[tuple[str, float]]):
    doctor = CardLedDoctor(MARGIN, FixedSearch(ranked))  # type: ignore[arg-type]
    return doctor.answer([HumanMessage(question)], [question])


def test_a_dose_request_naming_the_condition_refuses_the_dose_then_gives_its_card() -> None:
    got = ask("老人家得了带状疱疹，伐昔洛韦一次吃几片？", [("mild_drug_rash", 1.0)])
    shingles = KB.get("shingles")
    assert got.kind == "prescription"
    assert got.cards == ("shingles",)
    assert got.text is not None
    assert got.text.startswith("处方药的剂量我不能给")
    assert shingles.name("zh") in got.text
    assert all(step in got.text for step in shingles.care["zh"])
    assert "轻度药疹" not in got.text  # the drug's retrieval pull is not followed


def test_a_dose_request_naming_nothing_gets_no_card() -> None:
    got = ask("How many mg of amoxicillin should my son take?", [("mild_drug_rash", 1.0)])
    assert got.kind == "prescription"
    assert got.cards == ()


def test_a_second_condition_the_user_names_gets_its_own_part() -> None:
    got = ask(
        "My toddler has hand, foot and mouth disease and now heat rash on her neck too",
        [("hand_foot_mouth", 1.0), ("insect_bites", 0.2)],
    )
    heat = KB.get("heat_rash")
    assert got.kind == "card"
    assert got.text is not None
    first_para = got.text.split("\n\n")[1]
    assert heat.name("en") in first_para  # said near the top, not only at the end
    assert all(step in got.text for step in heat.care["en"])
    assert "heat_rash" in got.cards  # the guard reads its don'ts too


def test_no_second_part_beside_an_emergency() -> None:
    got = ask("hives everywhere and my throat is closing", [("anaphylaxis", 1.0)])
    assert got.text is not None
    assert not any(s in got.text for s in KB.get("urticaria").care["en"])


def test_a_doubted_name_gets_no_part_of_its_own() -> None:
    got = ask(
        "We thought it was eczema, but the ring on his arm keeps growing",
        [("tinea_corporis", 1.0), ("eczema", 0.3)],
    )
    assert got.text is not None
    assert not any(s in got.text for s in KB.get("eczema").care["en"])


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("会不会是晒伤？", {"sunburn"}),
        ("could this be ringworm?", {"tinea_corporis"}),
        ("is it just sunburn", {"sunburn"}),
        ("I have sunburn, is it bad?", set()),  # said plainly
        ("is it ok to use hydrocortisone on my eczema?", set()),  # the cue asks something else
        ("晒伤了，是不是晒伤很严重", set()),  # named plainly once: theirs
    ],
)
def test_a_name_right_after_a_guess_cue_is_a_guess(text: str, ids: set[str]) -> None:
    assert conditions_guessed(text, KB.cards.values()) == ids


def test_a_guess_the_telling_signs_contradict_gives_way_to_the_neighbour() -> None:
    """Pale patches that do not hurt, asked as "is it sunburn?" (fresh gn-1; served h5 got the
    sunburn card): versicolor's signs put it ahead and its answer says how to tell sunburn; the
    guessed card gets no part of its own. Said plainly, sunburn stays the person's."""
    doctor = CardLedDoctor(MARGIN)
    question = "海边玩了几天，回来发现肩膀上一块块浅色的斑，不痛也不痒，是不是晒伤了？"
    answer = doctor.answer([HumanMessage(question)], [question])
    assert answer.cards[0] == "pityriasis_versicolor"
    assert "晒伤怎么区分" in str(answer.text)
    assert "你还提到了**晒伤**" not in str(answer.text)
    plain = "海边玩了几天晒伤了，回来发现肩膀上一块块浅色的斑，不痛也不痒"
    assert doctor.answer([HumanMessage(plain)], [plain]).cards[0] == "sunburn"
    supported = "is this sunburn? fell asleep on the beach, my back is bright red and sore"
    assert doctor.answer([HumanMessage(supported)], [supported]).cards[0] == "sunburn"


@pytest.mark.parametrize(
    ("question", "ranked", "inner"),
    [
        # the longer name holds the shorter one: rosacea (玫瑰痤疮) is not also acne (痤疮)
        ("鼻子两边一直发红，会不会是玫瑰痤疮？", [("rosacea", 1.0), ("acne", 0.6)], "acne"),
        ("身上起了一片片荨麻疹，痒得睡不着", [("urticaria", 1.0), ("measles", 0.5)], "measles"),
    ],
)
def test_a_name_inside_a_longer_name_gets_no_part_of_its_own(
    question: str, ranked: list[tuple[str, float]], inner: str
) -> None:
    got = ask(question, ranked)
    assert got.text is not None
    assert got.cards[0] == ranked[0][0]
    assert "你还提到了" not in got.text
    assert f"**{KB.get(inner).name('zh')}**" not in got.text


def test_two_names_said_apart_still_get_two_parts() -> None:
    """The nesting rule reads spans, not cards: acne said on its own beside rosacea counts."""
    got = ask("我有玫瑰痤疮，最近下巴又长了痤疮，怎么护理？", [("rosacea", 1.0), ("acne", 0.6)])
    assert got.text is not None
    assert "你还提到了" in got.text
    assert KB.get("acne").name("zh") in got.text
