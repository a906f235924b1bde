"""The rules veto's framing cues (graph/triage/veto.py, 2026-12-02e).

A fixed classifier read stands in for the fitted one, so each test pins one condition; the
rules are the real red-flag rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_core.messages import HumanMessage

from graph.safety import check_turn
from graph.triage.veto import RulesVeto, framing_cues

CALM = {"emergency": 0.05, "self_harm": 0.05, "medical": 0.3, "itinerary": 0.1, "transport": 0.7}


@dataclass
class FixedRead:
    scores: dict[str, float] = field(default_factory=lambda: dict(CALM))
    fires: bool = False

    def read(self, messages: Any) -> tuple[dict[str, float], dict[str, float]]:
        return self.scores, {}

    def detects(self, detected: Any) -> bool:
        return self.fires


PAST = "my dad had a heart attack in 2019, fully recovered now. is a long flight ok for him?"
NOW = "my dad has crushing chest pain and is sweating a lot"


def veto(read: FixedRead | None = None, **kw: Any) -> RulesVeto:
    return RulesVeto(read or FixedRead(), below=0.01, **kw)  # type: ignore[arg-type]


def test_a_past_and_recovered_event_is_vetoed_only_with_the_framing_bar_on() -> None:
    verdict = check_turn(PAST)
    assert verdict.emergency
    assert "self_harm" not in verdict.flags
    turn = [HumanMessage(PAST)]
    assert veto(framing_below=0.2).overrules(verdict, turn)
    assert not veto().overrules(verdict, turn)  # off by default


def test_framing_needs_a_cue_a_calm_classifier_and_quiet_detectors() -> None:
    verdict = check_turn(NOW)
    assert verdict.emergency
    assert not framing_cues().search(NOW)
    assert not veto(framing_below=0.2).overrules(verdict, [HumanMessage(NOW)])
    past = check_turn(PAST)
    worried = FixedRead({**CALM, "emergency": 0.4})
    assert not veto(worried, framing_below=0.2).overrules(past, [HumanMessage(PAST)])
    assert not veto(FixedRead(fires=True), framing_below=0.2).overrules(past, [HumanMessage(PAST)])


def test_self_harm_is_never_vetoed_however_it_is_framed() -> None:
    text = "last year I wanted to kill myself, and in case it comes back what should I do"
    verdict = check_turn(text)
    assert "self_harm" in verdict.flags
    assert not veto(framing_below=1.0).overrules(verdict, [HumanMessage(text)])
