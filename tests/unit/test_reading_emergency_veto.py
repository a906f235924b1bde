"""The reading layer vetoes a net-only emergency alarm of the char models (amendment 2 of
evals/triage/results/people_mask_rule_2026-12-07i.md): "my husband and I want 4 days in Lhasa"
got the emergency reply, from the classifier's detector and from the older router's own class.
The reading layer is stubbed here (its server is not up in unit tests); the phrasings are new."""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from config.setting_groups import TriageSettings
from graph.routing.classifier_router import ClassifierRouter
from graph.triage.classifier import default_triage_classifier
from graph.triage.labels import LABELS
from graph.triage.router import TriageRouter
from graph.triage.urgent import urgent_care

ORDINARY = [
    "my husband and I would love 4 days in Lhasa, how should we pace it?",
    "my wife and I want a cheap but clean hotel near the Bund",
    "my husband and I want to spend a week in Yunnan, where should we start?",
]
EMERGENCY_TOLD = "my husband just collapsed at the temple and isn't breathing properly"


def router(veto: float | None, reading: dict[str, float] | None, monkeypatch: Any) -> TriageRouter:
    classifier = default_triage_classifier()
    full = None if reading is None else dict.fromkeys(LABELS, 0.0) | reading
    monkeypatch.setattr(type(classifier), "reading", lambda self, messages: full)
    defaults = TriageSettings.model_construct(
        **{k: f.default for k, f in TriageSettings.model_fields.items()}
    )
    return TriageRouter(
        classifier,
        fallback=ClassifierRouter(),
        second_expert=defaults.second_expert,
        primary_from_classifier=defaults.primary_from_classifier,
        urgent=urgent_care(defaults),
        reading_emergency_veto=veto,
    )


@pytest.mark.parametrize("text", ORDINARY)
def test_a_companion_told_beside_a_trip_ask_is_not_an_emergency_when_the_reading_is_sure(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = {"emergency": 0.0, "self_harm": 0.01}
    got = router(0.05, calm, monkeypatch).route([HumanMessage(text)])
    assert "emergency" not in got.experts, got.reason


def test_without_the_veto_the_char_nets_alarm(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fault the veto is for: at least one of the asks escalates with it off."""
    calm = {"emergency": 0.0, "self_harm": 0.01}
    routed = [router(None, calm, monkeypatch).route([HumanMessage(t)]) for t in ORDINARY]
    assert any("emergency" in r.experts for r in routed)


@pytest.mark.parametrize(
    "reading",
    [
        None,  # the reading server is down: the char nets keep every alarm
        {"emergency": 0.2, "self_harm": 0.0},  # the reading layer not sure
        {"emergency": 0.0, "self_harm": 0.4},  # it reads possible self-harm
    ],
)
def test_the_alarm_stays_unless_the_reading_is_sure_of_neither(
    reading: dict[str, float] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    routed = [router(0.05, reading, monkeypatch).route([HumanMessage(t)]) for t in ORDINARY]
    assert any("emergency" in r.experts for r in routed)


def test_a_real_emergency_told_about_a_relative_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    got = router(0.05, {"emergency": 0.9, "self_harm": 0.0}, monkeypatch).route(
        [HumanMessage(EMERGENCY_TOLD)]
    )
    assert got.experts == ("emergency",)
