"""A fear of something ahead with an ask for what to mind ("怕被…咬，要注意什么", "worried about
getting …, any tips?") asks how to prevent it; "怕是…" (probably) and a fear told after it
happened are care (afraid_prevent_rule_2026-12-06j.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from agents.card_asks import PREVENT, card_asks


@pytest.mark.parametrize(
    "question",
    [
        "去越南湄公河玩，特别怕被蚊子叮，有啥要注意的",
        "We're scared of getting sunburnt on the boat to Phi Phi, what should we bring?",
        "going hiking in the Vosges and I'm nervous about getting ticks, any advice?",
    ],
)
def test_a_fear_ahead_with_an_ask_is_a_prevention_ask(question: str) -> None:
    assert PREVENT in card_asks().found(question)


@pytest.mark.parametrize(
    "question",
    [
        "脸红红的，怕是冻伤了，要注意什么",
        "刚被蚂蚁咬了好几口，怕会感染，要注意什么",
        "I was stung by a wasp this morning and I'm worried about getting a reaction, "
        "what should I do?",
    ],
)
def test_probably_or_already_happened_is_no_prevention_ask(question: str) -> None:
    assert PREVENT not in card_asks().found(question)
