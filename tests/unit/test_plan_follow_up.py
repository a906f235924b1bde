"""A follow-up on a plan built from the KB that the KB cannot serve gets the KB's sights for the
interest it names or a plain "the KB holds nothing for this", never the base model's rewrite;
without a KB plan in the thread, nothing changes."""

from __future__ import annotations

from agents.kb_led import kb_led_answer
from agents.knowledge import load_kb

PLAN = "帮我规划三天的杭州行程"


def answer(*turns: str):
    return kb_led_answer("itinerary", list(turns), plans_from_kb=True)


def test_a_change_the_kb_cannot_serve_is_said_plainly_with_what_it_has() -> None:
    got = answer(PLAN, "第三天下雨的话怎么安排？")
    assert got is not None
    assert got.kind == "plan_gap"
    assert got.destinations == ("hangzhou",)
    hangzhou = load_kb().find("杭州")[0]
    assert all(tip in got.text for tip in hangzhou.data["tips"]["zh"])
    assert "不想编造" in got.text


def test_an_interest_the_kb_holds_lists_its_sights_to_swap_in() -> None:
    got = answer(PLAN, "第二天想去逛街购物")
    assert got is not None
    assert got.kind == "sights_list"
    assert "河坊街" in got.text.split("\n\n")[1]


def test_an_easier_pace_is_the_plan_again_at_that_pace() -> None:
    got = answer("Plan 2 days in Kyoto for me", "can we make day 2 easier, my mum has bad knees")
    assert got is not None
    assert got.kind == "day_plan"
    assert "midday rest" in got.text
    tired = answer("帮我规划四天的北京行程", "孩子6岁，这个安排会不会太累？")
    assert tired is not None
    assert tired.kind == "day_plan"
    assert "轻松" in tired.text


def test_an_english_follow_up_without_the_destination_finds_it_in_the_plan_ask() -> None:
    got = answer("Plan 2 days in Kyoto for me", "if it rains on day 2 what should we do")
    assert got is not None
    assert (got.kind, got.destinations) == ("plan_gap", ("kyoto",))
    assert "won't invent places" in got.text


def test_what_the_kb_can_answer_is_still_answered_as_before() -> None:
    swapped = answer(PLAN, "第二天换成西溪湿地吧")
    assert swapped is not None
    assert swapped.kind == "day_plan"
    longer = answer(PLAN, "再帮我规划一下，4天")
    assert longer is not None
    assert longer.kind == "day_plan"
    assert "第4天" in longer.text
    elsewhere = answer(PLAN, "那苏州两天呢")
    assert elsewhere is not None
    assert elsewhere.destinations == ("suzhou",)


def test_without_a_kb_plan_in_the_thread_the_model_still_rewrites_a_day() -> None:
    assert answer("第二天想去逛街购物，杭州") is None
    # a revision is no plan ask ("第二天" reads as two days): asked twice, still the model
    assert answer("第二天想去逛街购物，杭州", "第二天想去逛街购物，杭州") is None
    assert (
        kb_led_answer("itinerary", [PLAN, "第三天下雨的话怎么安排？"], plans_from_kb=False) is None
    )


def test_a_swap_to_a_place_the_kb_lacks_says_so_and_offers_its_sights() -> None:
    """Served k16 (2026-12-04k): "第二天换成去乌镇" got "say '第二天换成某某'", which it had said.
    Phrasings written for this test (swap_unknown_rule_2026-12-04k.md)."""
    tokyo = load_kb().find("Tokyo")[0]
    got = answer("plan 3 days in Tokyo for us", "swap day 3 for a day at Hakone")
    assert got is not None
    assert got.kind == "plan_gap"
    assert "isn't among the Tokyo sights" in got.text
    names = [s for s in tokyo.data["highlights"]["en"]]
    assert all(name in got.text for name in names)
    zh = answer(PLAN, "最后一天改成去千岛湖")
    assert zh is not None
    assert "不在知识库里杭州的景点中" in zh.text
    assert "第二天换成某某" not in zh.text


def test_an_open_question_about_a_day_keeps_the_plain_gap_answer() -> None:
    got = answer("plan 3 days in Tokyo for us", "what could we do instead on day 2 if it rains?")
    assert got is not None
    assert "isn't among" not in got.text
    assert "won't invent places" in got.text


def test_an_easier_pace_keeps_the_days_of_the_plan_asked() -> None:
    """Served m11 (2026-12-04k): a 2-day Singapore plan came back as 3 days at the easy pace
    (easy_days_rule_2026-12-04k.md). Phrasings written for this test."""
    two = answer("two days in Bangkok, plan it for us", "can you slow it down? dad has bad knees")
    assert two is not None
    assert "2-day plan for Bangkok" in two.text
    assert "easy pace" in two.text
    five = answer("帮我规划五天的北京行程", "轻松一点吧，带着孩子")
    assert five is not None
    assert "北京5天行程" in five.text
    said = answer("two days in Bangkok, plan it for us", "make it four days and relaxed")
    assert said is not None
    assert "4-day plan for Bangkok" in said.text
