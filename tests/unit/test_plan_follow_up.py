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
