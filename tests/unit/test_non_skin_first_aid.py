"""A sprain or traveller's diarrhoea asked of the doctor gets the NHS first lines before whom to
ask, not only "not a skin problem" (non_skin_first_aid_rule_2026-12-07a.md; served read 41 w13).
Drying out keeps its own lines; a denial or a skin finding beside it is not the topic. Phrasings
written after the change."""

from __future__ import annotations

import pytest

from agents.medical_questions import question_kinds
from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "head", "tail"),
    [
        ("扭到脚踝了，肿得像个馒头，今晚怎么弄", "**扭伤、拉伤**", "扭伤以外的问题"),
        ("I strained my back lifting the suitcases off the carousel", "**A sprain or strain**",
         "Beyond the sprain"),
        ("孩子在丽江闹肚子一天了，一直喊肚子不舒服", "**拉肚子（腹泻）**", "腹泻以外的问题"),
        ("we've all had the runs since the hotel buffet in Cancun", "**Diarrhoea**",
         "Beyond the diarrhoea"),
    ],
)  # fmt: skip
def test_a_sprain_or_diarrhoea_gets_its_first_lines_then_whom_to_ask(
    question: str, head: str, tail: str
) -> None:
    text = str(asked_alone(question).text)
    assert text.startswith(head)
    assert tail in text
    assert "不是皮肤问题" not in text
    assert "doesn't sound like a skin problem" not in text


def test_loperamide_is_ruled_out_for_blood_fever_and_children() -> None:
    question = "got diarrhea on day two in Marrakech, can I take something for it?"
    text = str(asked_alone(question).text)
    assert "not with blood in the stool or a fever, and not for children under 12" in text


@pytest.mark.parametrize(
    ("question", "starts"),
    [
        # drying out comes first, as before
        ("拉稀两天了，嘴巴很干，一天都没怎么尿", "**可能是脱水**"),
        # a denial: no topic told
        ("no diarrhoea or anything, just a toothache since we landed", "That doesn't sound like"),
    ],
)
def test_drying_out_and_a_denial_keep_their_answers(question: str, starts: str) -> None:
    assert str(asked_alone(question).text).startswith(starts)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("my husband sprained his knee on the ferry steps", "sprain"),
        ("昨天在大理吃坏了肚子", "diarrhoea"),
        ("没有拉肚子，就是有点头晕", None),
        ("what's the best sunscreen for Bali?", None),
        # amendment 1: "…扭了" told, a stretch ("扭了扭") is none
        ("早上起来脖子扭了，头转不过来", "sprain"),
        ("开了一天车，下来扭了扭脖子", None),
    ],
)
def test_the_topic_read(text: str, topic: str | None) -> None:
    assert question_kinds().non_skin_topic(text) == topic


def test_a_twisted_joint_that_swells_is_no_skin_question() -> None:
    """Amendment 1: "脚踝扭了…肿" had got a list of insect bites and athlete's foot."""
    question = "逛古城的时候脚脖子扭了，晚上肿得鞋都穿不上"
    assert not question_kinds().mentions_skin(question)
    assert str(asked_alone(question).text).startswith("**扭伤、拉伤**")


@pytest.mark.parametrize(
    "question",
    [
        # amendment 2: the topic's own red flags told beside it
        "food poisoning since last night and now there's blood when I go",
        "拉肚子第三天了，今天拉出来的是黑的",
        "sprained my ankle on the stairs, there was a pop and now my foot is numb",
    ],
)
def test_a_red_flag_beside_the_topic_gets_no_first_lines(question: str) -> None:
    text = str(asked_alone(question).text)
    assert not text.startswith(("**拉肚子（腹泻）**", "**Diarrhoea**", "**A sprain or strain**"))
    assert not text.startswith("**扭伤、拉伤**")


def test_a_red_flag_denied_keeps_the_first_lines() -> None:
    text = str(asked_alone("the runs since yesterday in Goa, no blood and no fever").text)
    assert text.startswith("**Diarrhoea**")
