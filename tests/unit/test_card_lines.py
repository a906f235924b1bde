"""A follow-up the structured asks miss is answered by the card's own sentences: the one that
answers it quoted under what it is (advice, a reason to see a doctor, a warning sign), or plainly
that the card does not say; never a sentence no source gives."""

from __future__ import annotations

import pytest
from langchain_core.messages import AIMessage, HumanMessage

from agents.card_answer import CARD_LED, CardLedDoctor, follow_up_from_card
from agents.card_lines import TIME_SPAN, answering_lines, card_sentences, without_names
from agents.knowledge.conditions import load_conditions

KB = load_conditions()


def quoted(card_id: str, question: str, lang: str) -> list[str]:
    return [s.text for s in answering_lines(KB.get(card_id), question, lang)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("card_id", "question", "lang", "wanted"),
    [
        ("sunburn", "起水泡了，可以挑破吗？", "zh", "不要挑破水疱"),
        ("sunburn", "the blisters are huge now, can I pop them with a needle?", "en", "pop"),
        ("bedbug_bites", "what should I do with my luggage so I don't bring them home?", "en",
         "luggage"),
        # closeness is by characters: a synonym the card does not use is not matched
        pytest.param("bedbug_bites", "what do I do with my suitcase so they don't come home?",
                     "en", "luggage", marks=pytest.mark.xfail(strict=True, reason="no synonyms")),
        ("nappy_rash", "can I put my own hydrocortisone cream on her?", "en", "hydrocortisone"),
        ("jellyfish_sting", "能不能撒尿在蜇的地方止痛？", "zh", "撒尿"),
        pytest.param("jellyfish_sting", "朋友说往上面撒泡尿就好了，靠谱吗", "zh", "撒尿",
                     marks=pytest.mark.xfail(strict=True, reason="撒泡尿 shares no pair")),
    ],
)  # fmt: skip
def test_the_sentence_that_answers_is_quoted(
    card_id: str, question: str, lang: str, wanted: str
) -> None:
    got = quoted(card_id, question, lang)
    assert any(wanted in line for line in got), got


def test_a_question_the_card_does_not_address_quotes_nothing_and_says_so() -> None:
    assert quoted("acne", "can I drink beer tonight?", "en") == []
    answer = follow_up_from_card(KB.get("acne"), "can I drink beer tonight?", "en")
    assert answer.kind == "card_lines"
    assert "doesn't say this directly" in str(answer.text)
    assert all(d in str(answer.text) for d in KB.get("acne").do_not["en"])


def test_a_worsening_wound_is_shown_the_reason_to_see_a_doctor_it_matches() -> None:
    answer = follow_up_from_card(KB.get("coral_cuts"), "三天了，伤口越来越红肿，还流脓", "zh")
    first_part = str(answer.text).split("\n\n")[0]
    assert "需要看医生" in first_part
    assert "流脓" in first_part


def test_every_line_of_a_follow_up_answer_comes_from_the_card_or_the_fixed_texts() -> None:
    card = KB.get("tinea_pedis")
    answer = follow_up_from_card(card, "我朋友说涂皮炎平就好了，可以吗", "zh")
    sentences = {s.text for s in card_sentences(card, "zh")}
    bullets = [line[2:] for line in str(answer.text).splitlines() if line.startswith("- ")]
    assert bullets
    assert all(b in sentences or b in card.do_not["zh"] or b in card.see_doctor["zh"]
               for b in bullets)  # fmt: skip
    assert "皮炎平" in bullets[0]  # the don't that answers it comes first


def test_the_card_s_names_are_taken_out_before_matching() -> None:
    assert "sunburn" not in without_names(KB.get("sunburn"), "is sunburn peeling normal?").lower()


def test_the_doctor_answers_a_follow_up_with_card_lines_and_no_model_by_default() -> None:
    earlier = AIMessage("…", response_metadata={"answer": CARD_LED, "cards": ["sunburn"]})
    thread = [
        HumanMessage("我在三亚晒伤了，肩膀红红的很疼"),
        earlier,
        HumanMessage("起水泡了，可以挑破吗？"),
    ]
    texts = ["我在三亚晒伤了，肩膀红红的很疼", "起水泡了，可以挑破吗？"]
    got = CardLedDoctor(0.1).answer(thread, texts)
    assert got.kind == "card_lines"
    assert got.cards == ("sunburn",)
    assert "不要挑破水疱" in str(got.text)
    assert CardLedDoctor(0.1, follow_ups="model").answer(thread, texts).text is None


def test_a_negated_sign_is_not_what_matches() -> None:
    got = quoted("coral_cuts", "伤口没有流脓，也不红肿了，就是有点痒", "zh")
    assert "流脓" not in got[0]


def test_a_how_long_ask_the_card_does_not_answer_gets_its_sentences_with_a_time_span() -> None:
    acne = KB.get("acne")
    got = [s.text for s in answering_lines(acne, "要多久能好？", "zh", ("duration",))]
    assert got
    assert all(TIME_SPAN.search(line) for line in got)
    assert any("6–8周" in line for line in got)
    # without the ask it is matched by closeness, which finds nothing here
    assert answering_lines(acne, "要多久能好？", "zh") == ()
