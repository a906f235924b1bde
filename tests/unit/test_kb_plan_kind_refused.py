"""A kind of sight said away ("不想去寺庙", "skip the museums") leaves the day plan and is named
as left out (`agents/kb_plan.py`, `agents/interests.refused_interests`,
kind_refused_rule_2026-12-05.md); a kind wanted or only mentioned keeps its sights, a sight named
as a wish stays, a place that only borrows the word (Temple Street, 天坛) stays. Phrasings
written for these tests after the change was designed, none from an evaluation set."""

from __future__ import annotations

from agents.itinerary_ask import read_ask
from agents.kb_plan import KbPlan, Stay, build_plan
from agents.knowledge import CJK, Lang
from tests.unit.kb_plan_helpers import KB


def _plan(question: str) -> KbPlan:
    ask = read_ask(question)
    lang: Lang = "zh" if CJK.search(question) else "en"
    return build_plan(KB.find(question), ask.days, lang, ask.easy, question, ask.half,
                      ask.interests)  # fmt: skip


def _planned(stay: Stay) -> list[str]:
    return [s.text for d in stay.days for s in (*d.sights, *([d.evening] if d.evening else []))]


def _out(stay: Stay) -> list[str]:
    """Every sight the plan names as not planned, for whatever reason."""
    others = (*stay.no_room, *stay.left_out, *stay.refused, *stay.dated)
    return [s.text for s in (*others, *getattr(stay, "kind_out", ()))]


def test_temples_said_away_leave_a_kyoto_plan() -> None:
    stay = _plan("Kyoto 3 days but please no shrines or temples for us").stays[0]
    planned = _planned(stay)
    temples = ("Kiyomizu-dera", "Kinkaku-ji Golden Pavilion", "Fushimi Inari Shrine torii gates")
    for temple in temples:
        assert temple not in planned
        assert temple in _out(stay)
    assert "Gion and Hanamikoji" in planned


def test_museums_said_away_leave_a_london_plan_in_chinese() -> None:
    stay = _plan("伦敦三天怎么排？美术馆博物馆就算了，带老人").stays[0]
    planned = _planned(stay)
    assert "大英博物馆（免费）" not in planned
    assert "国家美术馆" not in planned
    assert "大英博物馆（免费）" in _out(stay)


def test_shopping_said_away_leaves_the_mall_but_not_the_souks() -> None:
    stay = _plan("3 days in Dubai, avoid the malls please, we want the desert").stays[0]
    planned = _planned(stay)
    assert not any("Dubai Mall" in s for s in planned)
    assert any("Souks" in s for s in planned + _out(stay))  # a souk is no mall to refuse


def test_a_sight_named_as_a_wish_stays_beside_its_kind_said_away() -> None:
    stay = _plan("巴黎两天，不要安排博物馆，卢浮宫除外").stays[0]
    planned = _planned(stay)
    assert "卢浮宫（需预约时段，周二闭馆）" in planned
    assert "奥赛博物馆" not in planned


def test_a_kind_word_in_an_area_name_is_still_a_kind_said_away() -> None:
    # Chiang Mai's area is named "古城（寺庙、周日夜市）": its "寺庙" is read as the kind
    stay = _plan("清迈两天，寺庙不用去了，想逛逛夜市").stays[0]
    assert not any("寺" in s or "白庙" in s for s in _planned(stay))


def test_a_place_that_only_borrows_the_word_stays() -> None:
    assert "天坛" in _planned(_plan("北京三天，我们不想去寺庙，多看看皇家建筑").stays[0])
    hk = _plan("香港两天怎么玩，寺庙什么的就免了").stays[0]
    assert "庙街夜市" in _planned(hk) + [s.text for s in hk.no_room]
    assert "庙街夜市" not in [s.text for s in getattr(hk, "kind_out", ())]


def test_temples_wanted_or_mentioned_keep_their_sights() -> None:
    for question in (
        "Kyoto 3 days, the temples are the whole reason we're going",
        "曼谷三天，想去几个有名的寺庙",
        "Tokyo 4 days, a friend says the temples are crowded, plan it anyway",
    ):
        stay = _plan(question).stays[0]
        assert not getattr(stay, "kind_out", ()), question
        assert any(
            w in s for s in _planned(stay) for w in ("寺", "Temple", "temple", "-dera", "Wat")
        ), question
