""" "How long does it last?" on a card with no `asked.duration` is answered from the card's own
description (the clauses that say how it clears and when) and its see-a-doctor lines that give a
time, not "the guidance doesn't cover this" (duration_from_card_rule_2026-12-07g.md; served read
49 b8, b9, b22). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.knowledge import Lang
from agents.knowledge.conditions import load_conditions
from tests.unit.doctor_call import ask_line
from tests.unit.test_card_answer import answer

KB = load_conditions()


@pytest.mark.parametrize(
    ("question", "card", "lang", "said"),
    [
        (
            "the blisters down my dad's side are shingles, how long till they heal up?",
            "shingles",
            "en",
            "usually crusting and healing in 2–4 weeks",
        ),
        ("耳朵上的冻疮大概多长时间能好啊", "chilblains", "zh", "一般1–3周好转"),
        (
            "raw heel blisters after three days on the trail, how many days until they heal?",
            "friction_blisters",
            "en",
            "a few days to a week",
        ),
        (
            "背上一片小红疹，医生说是热水浴毛囊炎，要多少天能退？",
            "folliculitis",
            "zh",
            "1-2周内自行消退",
        ),
    ],
)
def test_the_card_s_own_course_answers_how_long(
    question: str, card: str, lang: Lang, said: str
) -> None:
    got = answer(question, [(card, 1.0)])
    line = ask_line(got.text, "duration", lang)
    assert said in line
    assert KB.get(card).name(lang) in line


def test_a_card_with_only_a_see_doctor_time_says_so() -> None:
    got = answer("red itchy ring on my wrist from the gym mats, how long will it take to go?",
                 [("tinea_corporis", 1.0)])  # fmt: skip
    line = ask_line(got.text, "duration", "en")
    assert "gives no usual length" in line
    assert "No improvement after about 2 weeks" in line


def test_the_course_line_ends_with_what_to_do_if_it_lasts_longer() -> None:
    got = answer("水母蛰的红印子要几天才好？", [("jellyfish_sting", 1.0)])
    line = ask_line(got.text, "duration", "zh")
    assert "红痕可持续数天" in line
    assert "超过这个时间还没好或者加重" in line


def test_a_card_s_own_asked_duration_still_answers() -> None:
    got = answer("how long is a cold sore around for usually?", [("cold_sores", 1.0)])
    assert KB.get("cold_sores").asked["duration"]["en"] in ask_line(got.text, "duration", "en")


def test_a_card_with_neither_still_says_it_does_not_cover_it() -> None:
    got = answer("how long do psoriasis flares last on the elbows?", [("psoriasis", 1.0)])
    assert "doesn't cover this" in ask_line(got.text, "duration", "en")


@pytest.mark.parametrize(
    ("card", "lang"),
    [("scabies", "en"), ("dengue_rash", "zh"), ("moles_melanoma", "zh")],
)
def test_no_onset_or_does_not_clear_clause_is_quoted_as_a_course(card: str, lang: Lang) -> None:
    # scabies "appearing weeks after infection and not clearing on its own", dengue "发热第3-5天…
    # 出现全身红疹", a mole's "成年后新长出" are no course
    assert card_asks().advice(KB.get(card), "duration", lang) is None


# Amendment 1: in a list of candidates which one it is decides; a lingering part is no course.


def test_a_list_of_candidates_quotes_no_one_candidate_s_course() -> None:
    cards = [KB.get("shingles"), KB.get("bee_wasp_sting")]
    got = card_asks().unsure_lines(cards, ["duration"], "en")
    assert got == [card_asks().texts["en"]["unsure_not_covered"].format(label="how long it lasts")]


def test_a_list_still_gives_a_candidate_s_own_asked_duration() -> None:
    cards = [KB.get("cold_sores"), KB.get("shingles")]
    got = card_asks().unsure_lines(cards, ["duration"], "en")
    assert len(got) == 1
    assert KB.get("cold_sores").asked["duration"]["en"] in got[0]


def test_how_long_marks_linger_alone_is_no_course() -> None:
    said = card_asks().advice(KB.get("plant_dermatitis"), "duration", "en")
    assert said is not None
    assert "weeks to months" not in said
    assert "No improvement after a week" in said
    assert card_asks().advice(KB.get("sandfly_bites"), "duration", "zh") is None


def test_a_lingering_part_beside_a_clearing_one_is_kept() -> None:
    said = card_asks().advice(KB.get("jellyfish_sting"), "duration", "zh")
    assert said is not None
    assert "疼痛几小时内缓解，红痕可持续数天" in said
