"""A new permanent tattoo gets its own card, told apart from a black henna reaction
(new_tattoo_card_rule_2026-12-04f.md). Phrasings written for this file."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone

answer = asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "had my first tattoo done at a studio in Chiang Mai yesterday, the skin round it is sore",
        "刚在纹身店纹完，第二天有点渗液，正常吗",
    ],
)
def test_a_new_tattoo_leads_with_its_card(question: str) -> None:
    assert answer(question).cards[:1] == ("new_tattoo",)


def test_the_swim_question_is_answered_from_the_card() -> None:
    text = str(answer("fresh tattoo from a shop in Bali, can I swim in the sea tomorrow?").text)
    assert "pools, the sea" in text


@pytest.mark.parametrize(
    "question",
    [
        "the henna my daughter had painted at the market is now red and blistering in its shape",
        "在海边画了个黑色临时纹身，现在图案那里起红疹很痒",
    ],
)
def test_a_painted_henna_reaction_stays_henna(question: str) -> None:
    assert answer(question).cards[:1] == ("black_henna_reaction",)


@pytest.mark.parametrize(
    "question",
    [
        # tattoo_had_done_rule_2026-12-06e.md: the having-it-done forms (written after the change)
        "在巴厘岛弄了个纹身，现在红肿还有点痒",
        "前几天在清迈做了纹身，今天开始脱皮发痒",
    ],
)
def test_having_a_tattoo_done_leads_with_the_new_tattoo_card(question: str) -> None:
    assert answer(question).cards[:1] == ("new_tattoo",)


def test_a_painted_one_said_with_done_stays_henna() -> None:
    assert answer("在夜市做了个手绘纹身，过了几天图案那里起水泡").cards[:1] == (
        "black_henna_reaction",
    )


def test_a_ring_of_redness_round_a_new_tattoo() -> None:
    # a strict xfail until a tattoo done was told ("搞了个纹身"; tattoo_design_rule_2026-12-06f.md):
    # '一圈红' had led retrieval to ringworm, no neighbour of the tattoo card
    assert answer("在岘港搞了个纹身，这两天周围一圈红，摸着有点热").cards[:1] == ("new_tattoo",)
