"""The order a multi-expert turn's sections reach the person.

The router lists travel before the doctor. The doctor answers first only where its section is
what the person most needs to read: under the urgent-care banner ("see a doctor today" must not
follow hotel advice), or when the router led with the doctor and the newest turn names a skin
problem, or when the card the doctor would answer from says to act the same day (an animal's
bite where rabies exists: `acts_today` on the card; blind_read_fixes_rule_2026-12-07i.md — a
child "nipped" by a street dog in Bali got Bali's sights before the rabies advice). A doctor-led
turn about motion sickness or a knee gets the dermatology assistant's "not a skin problem"
referral, which should not stand before the travel answer also asked for; and
the policy's travel lead is often not what the person asked first, so travel experts keep the
route's order (evals/results/lead_first_rule_2026-12-07f.md, amendments 1-2).
"""

from __future__ import annotations

from collections.abc import Sequence

from agents.knowledge.condition_search import default_search
from agents.medical_questions import question_kinds
from graph.routing.base import RouteDecision

DOCTOR = "medical"


def answer_order(decision: RouteDecision, texts: Sequence[str]) -> tuple[str, ...]:
    experts = decision.experts
    if DOCTOR not in experts or experts[0] == DOCTOR:
        return experts
    skin_led = (
        decision.primary == DOCTOR and bool(texts) and question_kinds().mentions_skin(texts[-1])
    )
    if not (decision.urgent or skin_led or acts_today(texts)):
        return experts
    return (DOCTOR, *(e for e in experts if e != DOCTOR))


def acts_today(texts: Sequence[str]) -> bool:
    """Whether the card retrieval ranks first for the newest turn says to act the same day."""
    if not texts:
        return False
    matches = default_search().fitting(texts)
    return bool(matches) and matches[0].card.acts_today
