"""A throat or voice change after a sting, a food or a medicine calls now as anaphylaxis, hives
or no hives; a sting with only local swelling, or a hoarse voice with no trigger, does not
(trigger_throat_voice_rule_2026-12-04q.md). Phrasings written after the change."""

from __future__ import annotations

import pytest

from tests.unit.test_card_answer import asked_alone


@pytest.mark.parametrize(
    "question",
    [
        "a hornet got me on the ankle and now it's hard to swallow and my voice has gone husky",
        "被蜜蜂叮了脖子，现在声音变哑了，吞东西有点费劲",
    ],
)
def test_a_throat_or_voice_change_after_a_trigger_calls_now(question: str) -> None:
    answer = asked_alone(question)
    assert answer.kind == "emergency_card"
    assert answer.cards[:1] == ("anaphylaxis",)


@pytest.mark.parametrize(
    "question",
    [
        "got stung by a bee on my finger, it's puffy and throbbing but I feel fine",
        "shouted all night at the football in Madrid and my voice is hoarse, any tips?",
    ],
)
def test_a_local_sting_or_a_hoarse_voice_alone_does_not(question: str) -> None:
    assert asked_alone(question).kind != "emergency_card"
