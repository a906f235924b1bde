"""Denied findings are read out of a question before cards are searched (both languages)."""

from __future__ import annotations

import pytest

from agents.knowledge.negation import affirmed
from agents.medical_questions import question_kinds


@pytest.mark.parametrize(
    ("question", "denied", "kept"),
    [
        ("itchy bumps on my ankles but no rash elsewhere", "rash", "itchy bumps"),
        ("The spot is not itchy, it just hurts", "itchy", "hurts"),
        ("It doesn't blister but it stings", "blister", "stings"),
        ("red skin on my back without any blisters", "blisters", "red skin"),
        ("手臂很痛，但是没有起疹子", "疹", "痛"),
        ("脸上发红，不痒，也没有脱皮", "痒", "发红"),
        ("脚底起了水疱，没发烧", "发烧", "水疱"),
    ],
)
def test_denied_findings_are_read_out_and_reported_ones_kept(
    question: str, denied: str, kept: str
) -> None:
    said = affirmed(question)
    assert denied not in said
    assert kept in said


@pytest.mark.parametrize(
    "question",
    [
        "I accidentally spilled tea, 不小心被开水烫到了 and it blistered",
        "I can't stop scratching my legs",
        "The rash is not getting better after a week",
        "宝宝身上的疹子一直不退",
        "他叫不醒，身上很烫",
        "有没有办法让痘痘好得快一点？",  # A-not-A questions ask, they don't deny
        "这个疹子是不是会传染？",
        "Is this rash contagious or not?",
    ],
)
def test_complaints_that_only_look_negated_are_kept(question: str) -> None:
    assert affirmed(question) == question


def test_a_denied_rash_is_not_a_skin_word_and_not_a_finding() -> None:
    kinds = question_kinds()
    assert kinds.mentions_skin("I have a rash on my knee")
    assert not kinds.mentions_skin("no rash, I just have a toothache")
    assert kinds.finding_kinds("没有起疹子") < kinds.finding_kinds("起了疹子")


def test_the_retriever_reads_only_what_is_affirmed() -> None:
    from agents.knowledge.condition_search import default_search

    search = default_search()
    nothing = search.cosines("")
    assert search.cosines("no rash") == nothing
    assert search.cosines("没有起疹子") == nothing
    assert search.cosines("a rash") != nothing
