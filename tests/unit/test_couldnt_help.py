""" "没忍住" (couldn't help it) states what was done, it denies nothing: the words after it stay
readable, so a repeated cut after it shows the act sign (couldnt_help_rule_2026-12-06h.md).
Phrasings written after the change."""

from __future__ import annotations

from agents.emergency_signs import emergency_signs
from agents.knowledge.negation import affirmed


def test_what_was_done_after_couldnt_help_it_stays_read() -> None:
    assert "抓破" in affirmed("手背上的疹子太痒，昨晚没忍住抓破了")
    assert "挤" in affirmed("鼻子上的黑头没忍住用手挤了")


def test_a_cut_made_again_after_couldnt_help_it_is_the_act() -> None:
    signs = emergency_signs().signs("昨晚又没忍住，大腿上划了五六道")
    assert "self_injury" in signs


def test_a_real_denial_still_reads_as_one() -> None:
    assert "破" not in affirmed("手上的水泡还没破，就是有点胀")
