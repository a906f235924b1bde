"""What a turn is answered with, decided without emitting anything: the safety node's and the
route node's decisions (graph/nodes.py) as plain functions, so the graph and the evaluation
(evals/triage/evaluate.py) run one code path.

Why: the evaluation re-implemented the route node's branches and read the card-led doctor its
own way (`CardLedDoctor(0.1)`, its category only, where the route node asks
`urgent_care.doctor_calls_now`: the settings' doctor, and an emergency card's category from the
thread's signs), and it had no branch for heat exhaustion's `watch` reply, an unrelated task on a
softened alarm or an open emergency's category — so "category right when caught" scored a
graph that does not run (evals/triage/results/category_rule_2026-12-07i.md). The nodes call
these functions and then emit; the evaluation calls them and scores.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from langchain_core.messages import AIMessage, AnyMessage

from agents.card_answer import answered_call_now
from agents.responders import (
    HEAT_EXHAUSTION,
    SELF_HARM,
    Escalation,
    category_escalation,
    category_of_flag,
    escalation_categories,
    tells_heat_exhaustion,
)
from agents.unread_language import unread_language
from config.settings import Settings
from graph.routing.answer_order import answer_order
from graph.routing.base import CategoryNet, EscalationNet, RouteDecision, Router, user_texts
from graph.safety import SafetyVerdict, asks_for_unrelated_task, load_rules
from graph.triage.router import care_arrived
from graph.urgent_care import (
    POISONING_OVERDOSE,
    doctor_answers_plainly,
    doctor_calls_now,
    tells_pills_taken,
    unreached_call_now,
)

Level = Literal["emergency", "self_harm", "watch"]


@dataclass(frozen=True)
class Served:
    """The escalation reply's parts: the level the safety event logs (what was served: crisis
    lines, the call-now template, or heat exhaustion's `watch` frame), its first category, and
    the found summaries and first aid (None for crisis lines)."""

    level: Level
    category: str | None
    found: Escalation | None


def served_escalation(category: str | None, flags: Sequence[str], texts: Sequence[str]) -> Served:
    """What `nodes.escalate` writes for these: one place for the reply and its logged level.

    Why the level: heat exhaustion's `watch` frame ("what to do now … if you are unsure, call")
    was logged `emergency`, like the call-now template (category_rule_2026-12-07i.md, (b))."""
    categories = escalation_categories(category, flags, texts)
    if SELF_HARM in categories:
        return Served("self_harm", SELF_HARM, None)
    rules = load_rules()
    by_category = category_escalation(categories)
    # rules without a category keep their own words
    own = [rules.flag(f) for f in flags if category_of_flag(f) is None and rules.has(f)]
    found = Escalation(
        [*by_category.summaries, *(f.summary for f in own)],
        [*by_category.advice, *(f.advice for f in own)],
        "" if own else by_category.frame,  # a rule's own words: the call-now frame
    )
    level: Level = "watch" if found.frame == "watch" else "emergency"
    return Served(level, next(iter(categories), None), found)


def open_category(messages: Sequence[AnyMessage]) -> str | None:
    """The category of the escalation this thread's last reply gave (None: none recorded).

    Why: a bare "yes" / "好的" keeps an open emergency open (`check_turn`), and an open
    self-harm escalation must stay one, crisis lines and all, not become the first-aid
    template because the bare reply carries no category of its own."""
    for m in reversed(messages):
        if isinstance(m, AIMessage):
            outcome = m.additional_kwargs.get("safety")
            category = outcome.get("category") if isinstance(outcome, dict) else None
            return str(category) if category else None
    return None


def safety_category(
    verdict: SafetyVerdict, messages: Sequence[AnyMessage], settings: Settings
) -> str | None:
    """The category the safety node escalates a rules hit with: an open emergency's recorded one,
    else (opened with none) the one this turn's signs show to the doctor (a sting, then "her lips
    are swelling now": anaphylaxis's first aid); a fresh hit's come from its flags."""
    if "open_emergency" not in verdict.flags:
        return None
    category = open_category(messages)
    if category is None:
        category = doctor_calls_now(messages, settings)[1]
    return category


def routed_decision(
    router: Router, messages: Sequence[AnyMessage], injection: bool
) -> RouteDecision:
    """The router's decision, or for a prompt injection the model-free net's (never a model)."""
    if injection:
        # Never ask a router (or a model) about an injection: the fixed reply answers it,
        # unless the model-free net sees an emergency inside it (never a silent downgrade).
        net = router.escalation(messages) if isinstance(router, EscalationNet) else None
        if net is None and answered_call_now(messages):
            reason = "prompt injection right after the doctor's call now: the emergency stays"
            return RouteDecision(("emergency",), reason)
        return net or RouteDecision(("out_of_scope",), "prompt injection: fixed reply")
    return router.route(messages)


@dataclass(frozen=True)
class RouteOutcome:
    """The route node's answer to a decision: `escalate` (the fixed reply of `category`; with
    `card_beside`, a net's self-harm alarm that may carry the doctor's card), `urgent` (the
    doctor under the urgent-care banner) or `route` (the experts answer), with the decision as
    it stands after the node's own corrections (its experts are the route, in answer order)."""

    kind: Literal["escalate", "urgent", "route"]
    decision: RouteDecision
    reason: str
    experts: tuple[str, ...] = ()
    category: str | None = None
    card_beside: bool = False


def route_outcome(
    router: Router, decision: RouteDecision, messages: Sequence[AnyMessage], settings: Settings
) -> RouteOutcome:
    """Every branch of the route node after its router decided, in the node's order."""
    texts = user_texts(messages)
    if "medical" in decision.experts and asks_for_unrelated_task(texts[-1] if texts else ""):
        # The doctor model only ever gets health questions; a softened net escalation is
        # never downgraded to the fixed reply: it escalates as it would have without the tier.
        decision = (
            RouteDecision(("emergency",), decision.reason)
            if decision.urgent
            else RouteDecision(("out_of_scope",), "unrelated task for the medical expert")
        )
    if "emergency" in decision.experts:
        # a net names no category: the doctor's sign reading may (a stroke: note the time)
        category = decision.category or doctor_calls_now(messages, settings)[1]
        if (
            category is None
            and not escalation_categories(None, (), texts)
            and isinstance(router, CategoryNet)
        ):
            # still none, nor from the turn's signs: the reading layer's category reader
            category = router.emergency_category(messages)
        return RouteOutcome(
            "escalate", decision, decision.reason, category=category, card_beside=True
        )
    missed, category = unreached_call_now(messages, decision.experts, settings)
    if missed:  # travel experts alone, and the doctor's own signs call now: emergency
        reason = f"{decision.reason}; the doctor's signs call now"
        return RouteOutcome("escalate", decision, reason, category=category)
    if tells_pills_taken(messages) and not care_arrived(messages):
        # pills taken in quantity that no rule or net escalated ("my sister downed a bottle of
        # her antidepressants" reached the skin doctor): poisoning's first aid and the number
        # (self_harm_absence_rule_2026-12-07i.md, amendment 2)
        reason = f"{decision.reason}; pills taken in quantity"
        return RouteOutcome("escalate", decision, reason, category=POISONING_OVERDOSE)
    language = unread_language(texts[-1] if texts else "")
    if language is not None:
        # No expert can read the turn: the fixed reply (out_of_scope node) answers it. Only
        # here, after every escalation above has had its say (third_language_rule_2026-12-05).
        decision = RouteDecision(
            ("out_of_scope",),
            f"{decision.reason}; written in a language we do not read ({language})",
            urgent=decision.urgent,
        )
    if decision.urgent:
        calls_now, category = doctor_calls_now(messages, settings)
        if calls_now:  # the doctor's own signs agree: emergency
            reason = f"{decision.reason}; the doctor's card calls now too"
            return RouteOutcome("escalate", decision, reason, category=category)
        if tells_heat_exhaustion(texts):
            # heat exhaustion's own first aid and when to call (the `watch` frame), not a card
            # retrieval ranks first under the banner (heat_illness_rule_2026-12-07h.md, am. 2)
            reason = f"{decision.reason}; heat exhaustion's signs: its first aid"
            return RouteOutcome("escalate", decision, reason, category=HEAT_EXHAUSTION)
        if not doctor_answers_plainly(messages, settings):
            experts = tuple(answer_order(decision, texts))
            return RouteOutcome("urgent", decision, decision.reason, experts)
        # the doctor's ordinary card and nothing beyond its own picture: no banner
        # (evals/triage/results/ordinary_banner_rule_2026-12-06i.md)
        reason = f"{decision.reason}; the doctor's ordinary card: no banner"
        decision = replace(decision, reason=reason, urgent=False)
    return RouteOutcome("route", decision, decision.reason, tuple(answer_order(decision, texts)))
