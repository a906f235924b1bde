"""An emergency on a plane, train or ship: the crew line comes first, the call line always stays
(onboard_rule_2026-12-05.md); an airport, a station or a past flight changes nothing."""

from __future__ import annotations

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from agents.responders import category_escalation, emergency_reply
from config.settings import Settings
from graph.builder import build_graph
from tests.unit.test_graph import run_turn

CALL = {"zh": "请立即拨打急救电话", "en": "Call "}
CREW = {
    "plane": ("乘务员", "cabin crew"),
    "train": ("列车员", "train crew"),
    "ship": ("船员", "crew"),
}


def reply(lang: str, *texts: str) -> str:
    found = category_escalation(["chest_pain"])
    return emergency_reply(lang, None, found, list(texts))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "texts", "setting"),
    [
        ("zh", ["我妈在飞机上突然胸口闷，左胳膊麻"], "plane"),
        ("en", ["mid-flight and my dad has crushing chest pain"], "plane"),
        ("zh", ["我们在飞往曼谷的航班上", "我老公突然胸口剧痛"], "plane"),  # said the turn before
        ("zh", ["高铁上我爸突然胸口痛，出冷汗"], "train"),
        ("en", ["on the night train to Hanoi, chest pain spreading to his arm"], "train"),
        ("en", ["on a cruise ship, grandpa has chest pain and can't breathe"], "ship"),
    ],
)
def test_on_board_the_crew_line_comes_before_the_call_line(
    lang: str, texts: list[str], setting: str
) -> None:
    text = reply(lang, *texts)
    crew = CREW[setting][0 if lang == "zh" else 1]
    assert crew in text
    assert text.index(crew) < text.index(CALL[lang])


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("zh", ["昨天下了飞机到酒店，今天早上胸口痛"]),
        ("en", ["at the airport gate, my mum has chest pain"]),
        ("zh", ["火车站排队的时候胸口痛"]),
        ("zh", ["手机上查了一下，胸口痛是心梗吗，现在很痛"]),
        ("en", ["chest pain at the hotel"]),
    ],
)
def test_elsewhere_the_reply_is_unchanged(lang: str, texts: list[str]) -> None:
    assert reply(lang, *texts) == reply(lang)
    assert CALL[lang] in reply(lang, *texts)


async def test_the_graph_s_escalation_carries_the_crew_line(fake_settings: Settings) -> None:
    graph = build_graph(fake_settings, checkpointer=InMemorySaver())
    turn = "在飞机上，我爸突然说不出话，右边手脚没力气，嘴歪了"
    customs, _ = await run_turn(graph, "plane", turn)
    safety = next(c for c in customs if c["type"] == "safety")
    assert safety["level"] == "emergency"
    assert "乘务员" in safety["message"]
    assert CALL["zh"] in safety["message"]
