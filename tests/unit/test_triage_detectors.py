"""The dedicated self-harm and emergency detectors and the second experts of the default route.

The floors are what the default graph scored when the fresh phrasings
(evals/triage/data/fresh_2026-12-01b.jsonl) were written after the final choice; nothing was
tuned on them. A planted regression fails them: the self-harm detector's bar raised to 0.9
catches 12/14, second experts off route 4/12 multi-intent turns both ways.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from langchain_core.messages import HumanMessage

from config.settings import REPO_ROOT, Settings
from evals.splits import read_jsonl
from graph.routing import build_router
from graph.triage.classifier import default_triage_classifier
from graph.triage.router import TriageRouter
from graph.triage.sft import thread_messages

FRESH = REPO_ROOT / "evals" / "triage" / "data" / "fresh_2026-12-01b.jsonl"


@pytest.fixture(scope="module")
def router() -> TriageRouter:
    built = build_router(Settings(_env_file=None, llm={"backend": "fake"}))  # type: ignore[call-arg]
    assert isinstance(built, TriageRouter)
    return built


def test_a_detector_over_its_bar_escalates_and_under_it_does_not() -> None:
    classifier = default_triage_classifier()
    scores = {label: 0.01 for label in classifier.binarizer.classes_} | {"itinerary": 0.9}
    bar = classifier.thresholds.self_harm_detector
    assert bar is not None
    assert classifier.decide(scores, {"self_harm": bar, "emergency": 0.0}) == ("self_harm",)
    assert classifier.decide(scores, {"self_harm": bar - 0.01, "emergency": 0.0}) == ("itinerary",)
    em = classifier.thresholds.emergency_detector
    assert em is not None
    assert classifier.decide(scores, {"self_harm": 0.0, "emergency": em}) == ("emergency",)


def test_fresh_self_harm_turns_reach_no_model(router: TriageRouter) -> None:
    rows = [r for r in read_jsonl(FRESH) if r["labels"] == ["self_harm"]]
    escalated = [router.route(thread_messages(r)).experts == ("emergency",) for r in rows]
    assert len(rows) >= 10
    assert sum(escalated) >= 13, f"{sum(escalated)}/{len(rows)}"


def test_fresh_multi_intent_turns_keep_both_sides_by_default(router: TriageRouter) -> None:
    rows = [r for r in read_jsonl(FRESH) if len(r["labels"]) > 1]
    both = [set(router.route(thread_messages(r)).experts) == set(r["labels"]) for r in rows]
    assert len(rows) >= 10
    assert sum(both) >= 7, f"{sum(both)}/{len(rows)}"


def test_a_single_ask_gets_no_spurious_second_expert(router: TriageRouter) -> None:
    decision = router.route([HumanMessage("I have 3 days in Rome, what should I see?")])
    assert decision.experts == ("itinerary",)


def test_second_experts_join_the_older_routers_choice(router: TriageRouter) -> None:
    # the older router's primary alone, neither the per-ask reader nor the classifier leading
    older = replace(router, primary_from_classifier=False, ask_bar=None)
    plain = replace(older, second_expert=None)
    text = "从广州到阳朔坐什么车方便，阳朔住西街还是遇龙河边"
    assert plain.route([HumanMessage(text)]).experts == ("accommodation",)
    assert older.route([HumanMessage(text)]).experts == ("transport", "accommodation")
    # the default (the classifier's best label leads) keeps both sides too
    assert set(router.route([HumanMessage(text)]).experts) == {"transport", "accommodation"}


@pytest.mark.parametrize(
    ("label", "knob", "reading", "past_the_doctor"),
    [
        # a painful sunburn, not heat stroke
        ("emergency", "emergency_over_medical", {"medical": 0.38, "emergency": 0.37},
         {"emergency": 0.39}),
        # served 2026-12-04h: "cold sores coming up right before my flight" got the crisis reply
        ("self_harm", "self_harm_over_medical", {"medical": 0.7, "self_harm": 0.27},
         {"medical": 0.2}),
    ],
)  # fmt: skip
def test_a_detector_alone_does_not_overrule_a_doctors_reading(
    label: str, knob: str, reading: dict[str, float], past_the_doctor: dict[str, float]
) -> None:
    """A detector score over its bar alone escalates only when the classifier does not read the
    turn as the doctor's more than as that label; past the doctor's reading it escalates."""
    clf = default_triage_classifier()
    doctor = {k: 0.0 for k in clf.binarizer.classes_} | reading
    detected = {"emergency": 0.0, "self_harm": 0.0} | {label: 0.9}
    assert clf.decide(doctor, detected) == ("medical",)
    off = clf.with_thresholds(replace(clf.thresholds, **{knob: False}))
    assert off.decide(doctor, detected) == (label,)
    assert clf.decide(doctor | past_the_doctor, detected) == (label,)


def test_the_emergency_detectors_bar_catches_what_0_65_let_through(router: TriageRouter) -> None:
    """A swollen face and no breath after a sting, in Japanese (a fresh turn, 2026-12-02): the
    emergency detector reads it between 0.55 and 0.65; the bar chosen on 2026-12-03
    (evals/triage/results/net_bar_rule_2026-12-03.md) escalates it, the old bar did not."""
    fresh = REPO_ROOT / "evals" / "triage" / "data" / "fresh_2026-12-02.jsonl"
    (row,) = [r for r in read_jsonl(fresh) if r["id"] == "fr3-18"]
    messages = thread_messages(row)
    assert router.route(messages).experts == ("emergency",)
    classifier = router.classifier
    old = classifier.with_thresholds(replace(classifier.thresholds, emergency_detector=0.65))
    assert old.classify(messages).labels != ("emergency",)


SKIN = REPO_ROOT / "evals" / "triage" / "data" / "fresh_2026-12-04h-self-harm-skin.jsonl"


def test_self_harm_told_in_skin_words_still_gets_the_crisis_path(router: TriageRouter) -> None:
    """The fresh file written before the change (self_harm_over_medical_rule_2026-12-04h.md):
    9 of its 10 self-harm turns escalate with the change and without it ("I scratch my skin open
    on purpose when I panic" is missed by both: noticed); fewer skin look-alikes escalate."""
    clf = router.classifier
    net = {k: 0.0 for k in clf.binarizer.classes_} | {"medical": 0.7, "self_harm": 0.3}
    assert clf.decide(net, {"self_harm": 0.9, "emergency": 0.0}) == ("self_harm",)
    rows = read_jsonl(SKIN)
    harm = [r for r in rows if r["labels"] == ["self_harm"]]
    caught = [router.route(thread_messages(r)).experts == ("emergency",) for r in harm]
    assert sum(caught) >= 9, f"{sum(caught)}/{len(harm)}"
    ordinary = [r for r in rows if r["labels"] != ["self_harm"]]
    escalate = ("emergency",)
    alarms = [r["id"] for r in ordinary if router.route(thread_messages(r)).experts == escalate]
    assert "shs-o1" not in alarms
    assert len(alarms) <= 2, alarms
