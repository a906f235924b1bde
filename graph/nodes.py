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
from typing import Any, Literal, Protocol

from langchain_core.messages import AIMessage, AnyMessage, BaseMessage, RemoveMessage
from langgraph.graph import END

from agents.chains import ExpertAnswerer, model_name_for
from agents.expert import Expert
from agents.history import up_to_current_turn
from agents.knowledge import load_kb, text_lang
from agents.merged_reply import merged_metadata
from agents.registry import EXPERTS
from agents.responders import (
    SELF_HARM,
    care_arrived_reply,
    emergency_numbers,
    emergency_reply,
    out_of_scope_reply,
    overdose_crisis_lines,
    self_harm_reply,
    unread_language_reply,
)
from agents.unread_language import unread_language
from config.settings import Settings
from graph.events import GuardEvent, RouteEvent, SafetyEvent, emit
from graph.events import RoutedExpert as RoutedExpertOut
from graph.routing.base import (
    RouteDecision,
    Router,
    previous_experts,
    user_texts,
)
from graph.routing.classifier_router import ClassifierRouter
from graph.safety import SafetyVerdict, check_turn
from graph.state import RoutedExpert, State
from graph.triage.router import TriageRouter, care_arrived
from graph.turn_outcome import route_outcome, routed_decision, safety_category, served_escalation
from graph.urgent_care import doctor_card_beside, urgent_care

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
    served = served_escalation(category, flags, texts)
    level, category = served.level, served.category
    if served.found is None:
        text = self_harm_reply(lang, destination, texts, beside_card)
    else:
        text = emergency_reply(lang, destination, served.found, texts)
        if (lines := overdose_crisis_lines(lang, destination, texts)) is not None:
            text = f"{text}\n\n{lines}"  # first aid first, then the crisis lines (amendment 1)
    route = [routed("emergency", settings)]
    event = SafetyEvent(
        level=level,
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
            category = safety_category(verdict, messages, settings)
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
        return routed_decision(router, state["messages"], bool(state.get("injection")))

    async def route(state: State) -> dict[str, Any]:
        decision = decide(state) if on_loop else await asyncio.to_thread(decide, state)
        messages = state["messages"]
        outcome = route_outcome(router, decision, messages, settings)
        if outcome.kind == "escalate":
            # a net's self-harm alarm (never a rule's) keeps the crisis reply and adds the card
            # the doctor answers the thread's skin problem from, if any (a bite: rabies care)
            beside = (
                doctor_card_beside(messages, settings)
                if outcome.card_beside and outcome.category == SELF_HARM
                else None
            )
            flags = [router.name]
            return escalate(messages, flags, outcome.reason, settings, outcome.category, beside)
        decision = outcome.decision
        experts = [routed(name, settings) for name in outcome.experts]
        if outcome.kind == "urgent":
            return urgent_care(messages, decision, experts, router.name)
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
