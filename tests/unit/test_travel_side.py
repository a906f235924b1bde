"""A travel ask the user opens beside the doctor's side ("… plus which museums are open on
Mondays?") joins the turn, read whole by the per-ask reader as travel summed over the travel
experts (h109_travel_side_rule_2026-12-07d.md). Phrasings written after the change."""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from agents.registry import TRAVEL_EXPERTS
from config.settings import Settings
from graph.routing import build_router
from graph.triage.router import opened_asks


def test_the_ask_after_an_opening_word_is_cut_to_its_sentence() -> None:
    text = "a nasty blister on my heel plus which museums in Vienna open on Mondays"
    assert opened_asks(text) == ["which museums in Vienna open on Mondays"]
    assert opened_asks("脖子晒红了。顺便问下，鼓浪屿有哪些值得逛的地方？谢谢") == [
        "问下，鼓浪屿有哪些值得逛的地方"
    ]


def test_still_is_no_opening_word() -> None:
    # 还有 / 还要 go on with the complaint as often as they open an ask: not read here
    assert opened_asks("脚上的水泡还有点疼，还要继续走吗") == []
    assert opened_asks("the bumps are sore, and itchy as hell") == []


def test_a_travel_ask_opened_beside_a_complaint_gets_its_expert(fake_settings: Settings) -> None:
    router = build_router(fake_settings)
    for text in (
        "脖子上晒得通红，碰一下就疼，涂点什么？顺便问下鼓浪屿有哪些值得逛的地方",
        "my forearms came out in an itchy red rash after the jungle trek, what helps? "
        "By the way, which temples in Luang Prabang are worth a morning?",
    ):
        experts = router.route([HumanMessage(text)]).experts
        assert "medical" in experts, text
        assert set(experts) & set(TRAVEL_EXPERTS), text


def test_a_complaint_that_goes_on_keeps_the_doctor_alone(fake_settings: Settings) -> None:
    router = build_router(fake_settings)
    for text in (
        "脚上的水泡还有点疼，还要继续走吗",
        "got sunburnt on the boat in Halong Bay, it's hot to the touch as well, what do I do?",
    ):
        assert router.route([HumanMessage(text)]).experts == ("medical",), text
