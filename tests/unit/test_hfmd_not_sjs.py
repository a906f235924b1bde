"""Hand, foot and mouth disease (blisters on the hands and feet, mouth ulcers, a feverish small
child) is no severe drug reaction; SJS/TEN told with a new or SJS-causing medicine, or with its own
signs (eyes, whole body, skin coming off), still is (hfmd_not_sjs_rule_2026-12-07f.md).
Phrasings written after the change, not the fresh file's."""

from __future__ import annotations

import pytest

from graph.safety import check_turn


def _flags(text: str, earlier: tuple[str, ...] = ()) -> tuple[str, ...]:
    return check_turn(text, earlier).flags


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        ("我家老二快三岁了，手掌上和脚底都长了小水疱，嘴里好几个溃疡，吃饭就哭", ()),
        (
            "little one is off her food - tiny blisters on her palms and toes and ulcers at the"
            " back of her mouth, temp 38",
            (),
        ),
        ("现在脚心和手指上起了水疱，嘴巴里也有溃疡", ("孩子昨晚烧到39度，喂了点布洛芬",)),
        (
            "he caught something at daycare: blisters on his feet and hands and sores in his mouth,"
            " I gave him some paracetamol tablets for the fever",
            (),
        ),
    ],
)
def test_hand_foot_and_mouth_is_no_drug_reaction(text: str, earlier: tuple[str, ...]) -> None:
    assert "severe_drug_reaction" not in _flags(text, earlier)


@pytest.mark.parametrize(
    ("text", "earlier"),
    [
        (
            "two weeks on phenytoin, now blisters on his hands and feet and his mouth is full of"
            " sores",
            (),
        ),
        ("手掌脚底起了水疱，嘴里全是溃疡", ("我爸上个月开始吃别嘌醇",)),
        ("小孩手心脚心都是水疱，嘴里溃疡，眼睛红得厉害", ()),
        ("blisters on my palms and all over my body and sores in my mouth", ()),
    ],
)
def test_sjs_told_with_hfmd_places_stays_a_drug_reaction(
    text: str, earlier: tuple[str, ...]
) -> None:
    assert "severe_drug_reaction" in _flags(text, earlier)
