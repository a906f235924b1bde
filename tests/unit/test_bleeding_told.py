"""Bleeding that pressure does not stop, told as people tell it, is the heavy-bleeding flag
(bleeding_told_rule_2026-12-06.md: "血一直往外冒，按不住" after a dog bite ended under the
urgent-care banner). Phrasings written after the change."""

from __future__ import annotations

import pytest

from graph.safety import red_flags


@pytest.mark.parametrize(
    "text",
    [
        "我妈削苹果削到手指，用纸巾压着还是一直往外渗血，压了快半小时",
        "孩子撞到桌角，额头的血哗哗往下淌",
        "老公脚被礁石划了，血一股一股地往外涌",
        "捂了好久还是在流血，绷带都染红了",
        "we've had pressure on his hand for twenty minutes and it's still bleeding",
        "my friend slipped on rocks and we can't get the bleeding to stop",
        "blood was pumping out of her ankle after the glass broke",
        "she's bled right through the dressing the clinic put on",
    ],
)
def test_bleeding_told_as_people_tell_it_is_the_heavy_bleeding_flag(text: str) -> None:
    assert "heavy_bleeding" in {h.flag for h in red_flags(text)}


@pytest.mark.parametrize(
    "text",
    [
        "剃须刮破了，按了一会儿血就止住了",
        "抠破了痘痘，有一点点血",
        "刷牙牙龈出血，要不要去看牙医",
        "my finger bled a bit after a paper cut, plaster enough?",
        "the graze on my elbow stopped bleeding, should I cover it?",
        "bleeding gums when I floss, is that a vitamin thing?",
        "我们在吃毛血旺，辣得直冒汗",
    ],
)
def test_a_little_blood_or_blood_that_stopped_is_no_flag(text: str) -> None:
    assert "heavy_bleeding" not in {h.flag for h in red_flags(text)}
