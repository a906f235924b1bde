"""The emergency-net grid (evals/triage/emergency_net_grid.py) swaps only what a design names.

Why: a grid whose designs silently ran as the baseline (a router class dropped on the way to the
router) reported every design identical to it; these pin that the swapped detector and the
keeping router are the ones scored.
"""

from __future__ import annotations

from langchain_core.messages import HumanMessage

from evals.triage.emergency_net_grid import keeping_router, score, swapped
from graph.triage.classifier import default_triage_classifier
from graph.triage.labels import EMERGENCY

# a net escalation the urgent-care tier softens on main (classifier emergency ~0.6, medical 0.2)
TURN = (
    "we ate wild mushrooms we picked on the hike, cooked them at the cabin last night, now my "
    "wife and I have terrible vomiting and diarrhoea and she's gone yellowish"
)


def test_swapped_detector_reads_the_design_and_nothing_else() -> None:
    base = default_triage_classifier()
    scores, detected = base.read([HumanMessage(TURN)])
    other = swapped(base, lambda text: 0.123, 0.7)
    new_scores, new_detected = other.read([HumanMessage(TURN)])
    assert new_detected[EMERGENCY] == 0.123
    assert new_scores == scores
    assert {k: v for k, v in new_detected.items() if k != EMERGENCY} == {
        k: v for k, v in detected.items() if k != EMERGENCY
    }
    assert other.thresholds.emergency_detector == 0.7
    assert base.thresholds.emergency_detector != 0.7  # the base is untouched
    assert swapped(base, None, None).read([HumanMessage(TURN)]) == (scores, detected)


def test_the_router_class_reaches_the_scored_router() -> None:
    from evals.triage import emergency_net_grid

    base = default_triage_classifier()
    if not emergency_net_grid.ASKS:
        emergency_net_grid.ASKS.append(None)
    row = {
        "id": "t",
        "lang": "en",
        "messages": [{"role": "user", "content": TURN}],
        "labels": ["emergency"],
        "category": "poisoning_overdose",
        "hard_negative": False,
    }
    seen: list[str] = []

    def ceiling(text: str) -> float:
        seen.append(text)
        return 1.0

    always = swapped(base, lambda text: 1.0, 0.55)  # the net escalates: the tier is asked
    result = score(always, [row], "t", keeping_router(ceiling, 0.5))
    assert seen, "the keeping router was not the one scored"
    assert result["caught"] == 1
