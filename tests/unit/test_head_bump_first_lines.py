"""A bump on the head with no warning sign asked of the doctor gets NHS's head-injury first lines
(ice, rest, paracetamol or ibuprofen but not aspirin, an adult for 24 hours, when to go to A&E or
call), not a skin card picked by shared words (acne, a scald, dandruff); a wound beside it stays a
wound's card (head_bump_first_lines_rule_2026-12-07d.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    ("question", "head", "tail"),
    [
        ("my husband banged his head on the boat's hatch, there's a lump, he feels ok",
         "**A knock to the head**", "Beyond the knock to the head"),
        ("女儿在游乐场撞到了额头，鼓了个包，哭了一会儿现在好了", "**头部磕碰**",
         "头部磕碰以外的问题"),
    ],
)  # fmt: skip
def test_a_bump_on_the_head_gets_its_first_lines(question: str, head: str, tail: str) -> None:
    text = str(asked_alone(question).text)
    assert text.startswith(head)
    assert tail in text
    assert "aspirin" in text or "阿司匹林" in text


@pytest.mark.parametrize(
    "question",
    [
        "hit my head on the shower tap and there's a cut on my scalp that keeps oozing blood",
        "一觉醒来额头上长了个红包，很痒",
    ],
)
def test_a_wound_or_a_spot_is_no_head_knock(question: str) -> None:
    text = str(asked_alone(question).text)
    assert not text.startswith(("**A knock to the head**", "**头部磕碰**"))


@pytest.mark.parametrize(
    "question",
    [
        "我儿子在酒店门口摔倒撞到头，之后一直重复问我们在哪里",
        "就是撞了一下头 不严重吧 当时好像昏了一下",
        "banged my head on the rocks, probably fine, but my wife says my pupils look different",
    ],
)
def test_a_warning_sign_gets_no_reassuring_first_lines(question: str) -> None:
    # amendment 1: repeated questions; a knock-out or the pupils even after a stray denial
    text = str(asked_alone(question).text)
    assert not text.startswith(("**A knock to the head**", "**头部磕碰**"))
