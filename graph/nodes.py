"""Graph nodes: small functions over the typed state.

Order on every turn: `safety` (deterministic red flags; cannot be skipped) → `route` (prompt
injection guard, then the pluggable router) → the routed experts one after another → `merge`
when more than one expert answered. Custom events: `safety` (emergencies, before any token) and
`route` (who answers, before the first token).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from typing import Any, Literal, Protocol

from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, RemoveMessage
from langgraph.graph import END

from agents.card_answer import answered_call_now
from agents.chains import ExpertAnswerer, model_name_for
from agents.expert import Expert
from agents.history import up_to_current_turn
from agents.knowledge import load_kb, text_lang
from agents.merged_reply import merged_metadata
from agents.registry import EXPERTS
from agents.responders import (
    HEAT_EXHAUSTION,
    SELF_HARM,
    Escalation,
    care_arrived_reply,
    category_escalation,
    category_of_flag,
    emergency_numbers,
    emergency_reply,
    escalation_categories,
    out_of_scope_reply,
    overdose_crisis_lines,
    self_harm_reply,
    tells_heat_exhaustion,
    unread_language_reply,
)
from agents.unread_language import unread_language
from config.settings import Settings
from graph.events import GuardEvent, RouteEvent, SafetyEvent, emit
from graph.events import RoutedExpert as RoutedExpertOut
from graph.routing.answer_order import answer_order
from graph.routing.base import (
    CategoryNet,
    EscalationNet,
    RouteDecision,
    Router,
    previous_experts,
    user_texts,
)
from graph.routing.classifier_router import ClassifierRouter
from graph.safety import SafetyVerdict, asks_for_unrelated_task, check_turn, load_rules
from graph.state import RoutedExpert, State
from graph.triage.router import TriageRouter, care_arrived
from graph.urgent_care import (
    POISONING_OVERDOSE,
    doctor_answers_plainly,
    doctor_calls_now,
    doctor_card_beside,
    tells_pills_taken,
    unreached_call_now,
    urgent_care,
)

log = logging.getLogger(__name__)


class NodeFn(Protocol):
    """An async graph node (named `state` so LangGraph's node protocol matches).

    Every node is async, so it runs on the event loop. `safety` and a model-free router are CPU
    work with no I/O (their data is read at build time); as sync nodes LangGraph sent each to a
    worker thread, and the hop cost more than it could give: the GIL keeps the loop stopped while
    the worker computes anyway, and on a busy box each hand-over waits for the scheduler
    (benchmarks/README.md, 2026-12-02 speed-6). A router that may wait on a model server still
    runs in a thread (`routes_without_a_model`).
    """

    def __call__(self, state: State) -> Awaitable[dict[str, Any]]: ...


def routed(name: str, settings: Settings) -> RoutedExpert:
    expert = EXPERTS[name]
    return {"name": name, "domain": expert.domain, "model": model_name_for(expert, settings)}


def escalate(
    messages: Sequence[AnyMessage],
    flags: Sequence[str],
    reason: str,
    settings: Settings,
    category: str | None = None,
    beside_card: str | None = None,
) -> dict[str, Any]:
    """Write the fixed reply (crisis lines for self-harm, first aid per category otherwise),
    emit the safety event, then the route event. No model is involved. `beside_card`: the
    card-led doctor's answer, put after the crisis lines of a statistical self-harm alarm."""
    texts = user_texts(messages)
    lang = text_lang(texts[-1] if texts else "")
    destination = next(iter(load_kb().find_in_thread(texts, limit=1)), None)
    rules = load_rules()
    categories = escalation_categories(category, flags, texts)
    if SELF_HARM in categories:
        text = self_harm_reply(lang, destination, texts, beside_card)
        level, category = "self_harm", SELF_HARM
    else:
        by_category = category_escalation(categories)
        # rules without a category keep their own words
        own = [rules.flag(f) for f in flags if category_of_flag(f) is None and rules.has(f)]
        found = Escalation(
            [*by_category.summaries, *(f.summary for f in own)],
            [*by_category.advice, *(f.advice for f in own)],
            "" if own else by_category.frame,  # a rule's own words: the call-now frame
        )
        text, level = emergency_reply(lang, destination, found, texts), "emergency"
        if (lines := overdose_crisis_lines(lang, destination, texts)) is not None:
            text = f"{text}\n\n{lines}"  # first aid first, then the crisis lines (amendment 1)
        category = next(iter(categories), None)
    route = [routed("emergency", settings)]
    event = SafetyEvent(
        level=level,  # type: ignore[arg-type]
        category=category,
        flags=list(flags),
        reason=reason,
        destination=destination.id if destination else None,
        emergency_numbers=emergency_numbers(lang, destination),
        message=text,
    )
    emit(event)
    emit(RouteEvent(experts=[RoutedExpertOut(**r) for r in route], reason=reason))
    return {
        "route": route,
        "route_reason": reason,
        "safety_flags": list(flags),
        "escalation": text,
        # kept on the reply, so the thread's history shows the outcome after a reload
        "safety_outcome": event.model_dump(exclude={"type", "message"}),
    }


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


class RuleVeto(Protocol):
    """Whether a confident classifier overrules this rules hit (graph/triage/veto.py)."""

    def overrules(self, verdict: SafetyVerdict, messages: Sequence[BaseMessage]) -> bool: ...


def make_safety_node(settings: Settings, veto: RuleVeto | None = None) -> NodeFn:
    async def safety(state: State) -> dict[str, Any]:
        messages = state["messages"]
        texts = user_texts(messages)
        verdict = check_turn(texts[-1] if texts else "", texts[:-1], previous_experts(messages))
        if veto is not None and veto.overrules(verdict, messages):
            log.info("red flag %s overruled by the triage classifier", ",".join(verdict.flags))
            verdict = SafetyVerdict(
                False, reason=f"red flag {', '.join(verdict.flags)} overruled by the classifier"
            )
        update: dict[str, Any] = {
            "route": [],
            "route_reason": verdict.reason,
            "route_lead": "",
            "experts_used": [],
            "safety_flags": [],
            "injection": verdict.injection,
            "escalation": "",
            "safety_outcome": {},
            "urgent_banner": "",
        }
        if verdict.emergency:
            category = open_category(messages) if "open_emergency" in verdict.flags else None
            if "open_emergency" in verdict.flags and category is None:
                # the emergency was opened with no category; this turn may show which it is
                # (a sting, then "her lips are swelling now": anaphylaxis's first aid)
                category = doctor_calls_now(messages, settings)[1]
            update |= escalate(messages, verdict.flags, verdict.reason, settings, category)
        return update

    return safety


def after_safety(state: State) -> Literal["emergency", "route"]:
    return "emergency" if state.get("escalation") else "route"


def routes_without_a_model(router: Router) -> bool:
    """Routers known to do CPU work only: the route node calls them on the loop. Any other (the
    LLM router, triage with its adapter, a router a caller hands in) may wait on a model server,
    which must not stop the loop, so it is called in a worker thread. So does triage with the
    reading layer: it waits on the reading server (graph/triage/meaning.py)."""
    if isinstance(router, TriageRouter):
        return (
            router.model is None
            and getattr(router.classifier, "meaning", None) is None  # stand-ins may carry none
            and (router.fallback is None or routes_without_a_model(router.fallback))
        )
    return isinstance(router, ClassifierRouter)


def make_route_node(router: Router, settings: Settings) -> NodeFn:
    on_loop = routes_without_a_model(router)

    def decide(state: State) -> RouteDecision:
        messages = state["messages"]
        if state.get("injection"):
            # Never ask a router (or a model) about an injection: the fixed reply answers it,
            # unless the model-free net sees an emergency inside it (never a silent downgrade).
            net = router.escalation(messages) if isinstance(router, EscalationNet) else None
            if net is None and answered_call_now(messages):
                reason = "prompt injection right after the doctor's call now: the emergency stays"
                return RouteDecision(("emergency",), reason)
            return net or RouteDecision(("out_of_scope",), "prompt injection: fixed reply")
        return router.route(messages)

    async def route(state: State) -> dict[str, Any]:
        decision = decide(state) if on_loop else await asyncio.to_thread(decide, state)
        messages = state["messages"]
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
            # a net's self-harm alarm (never a rule's) keeps the crisis reply and adds the card
            # the doctor answers the thread's skin problem from, if any (a bite: rabies care)
            beside = doctor_card_beside(messages, settings) if category == SELF_HARM else None
            return escalate(messages, [router.name], decision.reason, settings, category, beside)
        missed, category = unreached_call_now(messages, decision.experts, settings)
        if missed:  # travel experts alone, and the doctor's own signs call now: emergency
            reason = f"{decision.reason}; the doctor's signs call now"
            return escalate(messages, [router.name], reason, settings, category)
        if tells_pills_taken(messages) and not care_arrived(messages):
            # pills taken in quantity that no rule or net escalated ("my sister downed a bottle of
            # her antidepressants" reached the skin doctor): poisoning's first aid and the number
            # (self_harm_absence_rule_2026-12-07i.md, amendment 2)
            reason = f"{decision.reason}; pills taken in quantity"
            return escalate(messages, [router.name], reason, settings, POISONING_OVERDOSE)
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
                return escalate(messages, [router.name], reason, settings, category)
            if tells_heat_exhaustion(texts):
                # heat exhaustion's own first aid and when to call (the `watch` frame), not a card
                # retrieval ranks first under the banner (heat_illness_rule_2026-12-07h.md, am. 2)
                reason = f"{decision.reason}; heat exhaustion's signs: its first aid"
                return escalate(messages, [router.name], reason, settings, HEAT_EXHAUSTION)
            if not doctor_answers_plainly(messages, settings):
                route = [routed(name, settings) for name in answer_order(decision, texts)]
                return urgent_care(messages, decision, route, router.name)
            # the doctor's ordinary card and nothing beyond its own picture: no banner
            # (evals/triage/results/ordinary_banner_rule_2026-12-06i.md)
            reason = f"{decision.reason}; the doctor's ordinary card: no banner"
            decision = replace(decision, reason=reason, urgent=False)
        experts = [routed(name, settings) for name in answer_order(decision, texts)]
        emit(RouteEvent(experts=[RoutedExpertOut(**e) for e in experts], reason=decision.reason))
        lead = decision.primary or decision.experts[0]
        return {"route": experts, "route_reason": decision.reason, "route_lead": lead}

    return route


def first_expert(state: State) -> str:
    return state["route"][0]["name"]


def make_after_expert(name: str) -> Callable[[State], str]:
    def after(state: State) -> str:
        names = [r["name"] for r in state["route"]]
        i = names.index(name)
        if i + 1 < len(names):
            return names[i + 1]
        return "merge" if len(names) > 1 else END

    return after


WARNING = "⚠️"  # how the card-led doctor's emergency and urgent heads begin (card_answer.yaml)


def labelled(expert: Expert, reply: BaseMessage, state: State | None = None) -> AIMessage:
    """The answer as it is stored in the thread: named after its expert, same id as streamed.
    The doctor's answer on an urgent-care turn keeps the safety outcome (so a reload shows the
    numbers) and carries the banner on top, unless it leads with its own warning (a call-now
    card, a systemic red flag: the banner's "otherwise a doctor today" would contradict it)."""
    urgent = state.get("urgent_banner", "") if state is not None else ""
    if not urgent or expert.name != "medical":
        return AIMessage(
            content=reply.content,
            name=expert.name,
            id=reply.id,
            response_metadata=reply.response_metadata,
        )
    own_warning = str(reply.content).lstrip().startswith(WARNING)
    outcome = state.get("safety_outcome", {}) if state is not None else {}
    return AIMessage(
        content=reply.content if own_warning else f"{urgent}\n\n{reply.content}",
        name=expert.name,
        id=reply.id,
        response_metadata=reply.response_metadata,
        additional_kwargs={"safety": outcome},
    )


def added_expert(name: str, state: State) -> bool:
    """Whether the router added this expert to the turn: not the one it led with (the first in
    the route when it names none; the doctor may answer first, graph/routing/answer_order.py), nor
    the doctor under an urgent-care banner."""
    names = [r["name"] for r in state.get("route", [])]
    lead = state.get("route_lead")
    if lead not in names:
        lead = names[0] if names else None
    urgent_doctor = name == "medical" and bool(state.get("urgent_banner"))
    return len(names) > 1 and name != lead and not urgent_doctor


def make_llm_expert_node(answerer: ExpertAnswerer) -> NodeFn:
    async def answer(state: State) -> dict[str, Any]:
        thread = up_to_current_turn(state["messages"])
        name = answerer.expert.name
        reply = await answerer.answer(
            thread,
            user_texts(thread),
            lambda expert, block: emit(GuardEvent.from_block(block, expert)),
            beside_doctor=any(r["name"] == "medical" for r in state.get("route", [])),
            may_be_quiet=added_expert(name, state),
            said=[str(m.content) for m in this_turns_answers(state)],
            lead=state.get("route_lead") or None,
        )
        if reply is None:  # nothing for this turn: no section (quiet_second_expert_rule)
            return {}
        return {
            "messages": [labelled(answerer.expert, reply, state)],
            "experts_used": [*state.get("experts_used", []), name],
        }

    return answer


def make_emergency_node() -> NodeFn:
    async def answer(state: State) -> dict[str, Any]:
        message = AIMessage(
            content=state.get("escalation", ""),
            name="emergency",
            additional_kwargs={"safety": state.get("safety_outcome") or {}},
        )
        return {"messages": [message], "experts_used": ["emergency"]}

    return answer


def make_out_of_scope_node() -> NodeFn:
    async def answer(state: State) -> dict[str, Any]:
        texts = user_texts(state["messages"])
        last = texts[-1] if texts else ""
        lang = text_lang(last)
        language = unread_language(last)
        if care_arrived(state["messages"]):
            reply = care_arrived_reply(lang)
        elif language is not None:
            destination = next(iter(load_kb().find_in_thread(texts, limit=1)), None)
            reply = unread_language_reply(language, destination)
        else:
            reply = out_of_scope_reply(lang, last)
        # an urgent-care turn we cannot read keeps its banner and safety outcome on the reply
        banner = state.get("urgent_banner", "")
        message = AIMessage(
            content=f"{banner}\n\n{reply}" if banner else reply,
            name="out_of_scope",
            additional_kwargs={"safety": state.get("safety_outcome")} if banner else {},
        )
        return {"messages": [message], "experts_used": ["out_of_scope"]}

    return answer


def this_turns_answers(state: State) -> list[AIMessage]:
    """The answers the route's experts gave so far in the current turn."""
    names = [r["name"] for r in state.get("route", [])]
    return [
        m
        for m in state["messages"][len(up_to_current_turn(state["messages"])) :]
        if isinstance(m, AIMessage) and m.name in names
    ]


def merge(state: State) -> dict[str, Any]:
    """One reply with a section per expert, replacing this turn's separate answers.

    The merged message keeps the first answer's id: the stream has already carried every token
    of every section (labelled by expert), so clients get no second copy.
    """
    turn = this_turns_answers(state)
    sections = [f"## {EXPERTS[str(m.name)].title}\n\n{m.content}" for m in turn]
    if len(turn) < 2:
        # an added expert had nothing for the turn (agents/quiet_expert.py): the one answer
        # stays as it was stored and streamed
        return {}
    first = turn[0]
    merged = AIMessage(
        content="\n\n".join(sections),
        id=first.id,
        name=first.name,
        response_metadata=merged_metadata(turn),
    )
    removed: list[BaseMessage] = [RemoveMessage(id=str(m.id)) for m in turn[1:]]
    return {"messages": [*removed, merged]}
