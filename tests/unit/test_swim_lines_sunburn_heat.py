"""Swim asks from the right card lines, sourced swim answers, and a sunburn's own heat
(evals/medical/results/swim_lines_sunburn_heat_rule_2026-12-08.md). Phrasings written for these
tests, not taken from the fresh files or any split."""

from __future__ import annotations

import pytest

from agents.card_asks import card_asks
from agents.emergency_signs import emergency_signs
from agents.knowledge.conditions import load_conditions

KB = load_conditions()
ASKS = card_asks()
SIGNS = emergency_signs()


def test_a_line_that_names_swimwear_only_is_no_swim_answer() -> None:
    # folliculitis' care line speaks of shaving and taking the swimsuit off after a hot tub
    for lang, says in (("en", "doesn't cover"), ("zh", "没有写")):
        line = ASKS.lines(KB.get("folliculitis"), ["swim"], lang)[0]
        assert says in line
        assert "shav" not in line
        assert "刮毛" not in line
    # a line about leaving the water still answers (swimmer's itch, both languages)
    assert "擦干" in ASKS.lines(KB.get("swimmers_itch"), ["swim"], "zh")[0]
    assert "shower" in ASKS.lines(KB.get("swimmers_itch"), ["swim"], "en")[0]


@pytest.mark.parametrize("card", ["head_lice", "scabies"])
def test_lice_and_scabies_answer_swimming_from_the_cdc(card: str) -> None:
    for lang in ("en", "zh"):
        line = ASKS.lines(KB.get(card), ["swim"], lang)[0]
        assert "CDC" in line
        assert "doesn't cover" not in line
        assert "没有写" not in line


@pytest.mark.parametrize(
    "question",
    [
        "got nipped by a weever fish on the beach, when can I get back in the water?",
        "孩子脚被贝壳划了，下午还可以在湖里游吗",
        "is it ok for him to go back into the pool after lunch? small graze on his knee",
    ],
)
def test_going_back_in_is_the_swim_ask(question: str) -> None:
    assert "swim" in ASKS.found(question)


@pytest.mark.parametrize(
    "question",
    ["can we visit the lake district with a rash on my arm?", "能去湖边游览吗？脸上起了疹子"],
)
def test_a_lake_visit_is_no_swim_ask(question: str) -> None:
    assert "swim" not in ASKS.found(question)


@pytest.mark.parametrize(
    "text",
    [
        "my 2 year old daughter got sunburnt at the beach, her back is pink and her skin feels hot"
        " when I touch it, she's happy and drinking",
        "4岁儿子在海边晒伤了，后背通红，摸着很烫，精神挺好，吃饭正常",
    ],
)
def test_a_sunburn_hot_to_the_touch_is_no_heatstroke(text: str) -> None:
    reading = SIGNS.read(text)
    assert reading is None or "very_hot_child_or_elder" not in reading.rules


@pytest.mark.parametrize(
    "text",
    [
        "my 2 year old got sunburnt at the beach, skin hot to the touch and he isn't sweating",
        "my toddler got sunburnt at the beach and her temperature is 40.3C",
        "3岁孩子在海边晒伤了，全身滚烫",
        "3岁孩子在海边晒伤了，不出汗，摸着烫",
        "my 2 year old was at the beach all day and his skin is very hot",
    ],
)
def test_heatstrokes_own_signs_beside_a_sunburn_still_call_now(text: str) -> None:
    reading = SIGNS.read(text)
    assert reading is not None
    assert "very_hot_child_or_elder" in reading.rules
