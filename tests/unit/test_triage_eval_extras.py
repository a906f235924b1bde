"""The spurious-extras count of evals/triage/evaluate.py (2026-12-02e) and its control: a router
that adds a second expert to every turn must score every one-ask turn as spurious, the right
answer none."""

from __future__ import annotations

from typing import Any

from evals.triage.evaluate import LayerReport


def row(labels: list[str], hard: bool = False) -> dict[str, Any]:
    return {
        "id": "x",
        "lang": "en",
        "messages": [{"role": "user", "content": "t"}],
        "labels": labels,
        "hard_negative": hard,
    }


ROWS = [row(["itinerary"]), row(["medical"]), row(["itinerary", "medical"]), row(["emergency"])]


def score(add_extra: bool) -> LayerReport:
    report = LayerReport("x")
    for r in ROWS:
        got = tuple(r["labels"])
        if add_extra and got != ("emergency",) and len(got) == 1:
            got = (*got, "transport")
        report.add(r, got, None)
    return report


def test_a_router_that_always_adds_an_expert_is_caught_and_the_right_one_is_not() -> None:
    right, control = score(False), score(True)
    assert right.one_ask == control.one_ask == 2  # the multi-intent turn and the emergency: no
    assert right.spurious_extras == 0
    assert control.spurious_extras == 2
    assert control.summary()["spurious_extras_one_ask"] == 1.0


def test_a_physical_emergency_given_the_crisis_reply_is_counted_as_no_first_aid() -> None:
    """Counted caught (it is escalated) but its reply is crisis lines, not first aid: the
    control (every emergency given self-harm's reply) must show it, the right reply must not."""
    head = {**row(["emergency"]), "category": "head_injury"}
    right, control = LayerReport("right"), LayerReport("control")
    right.add(head, ("emergency",), "head_injury")
    control.add(head, ("emergency",), "self_harm")
    assert right.summary()["physical_given_crisis_reply"] == 0.0
    assert control.summary()["physical_given_crisis_reply"] == 1.0
    assert control.summary()["emergencies_caught"] == 1.0  # caught all the same
    assert right.summary()["category_right_when_caught"] == 1.0
