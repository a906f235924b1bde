"""Graph nodes: small functions over the typed state."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Any, Protocol

from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.messages.utils import count_tokens_approximately, trim_messages
from langchain_core.runnables import Runnable
from langgraph.config import get_stream_writer

from agents.chains import model_name_for
from agents.expert import Expert
from agents.registry import EXPERTS
from config.settings import Settings
from graph.router import Router
from graph.state import RoutedExpert, State


class NodeFn(Protocol):
    """An async graph node (named `state` so LangGraph's node protocol matches)."""

    def __call__(self, state: State) -> Awaitable[dict[str, Any]]: ...


class SyncNodeFn(Protocol):
    def __call__(self, state: State) -> dict[str, Any]: ...


def make_route_node(router: Router, settings: Settings) -> SyncNodeFn:
    def route(state: State) -> dict[str, Any]:
        decision = router.route(state["messages"])
        routed: list[RoutedExpert] = [
            {
                "name": EXPERTS[name].name,
                "domain": EXPERTS[name].domain,
                "model": model_name_for(EXPERTS[name], settings),
            }
            for name in decision.experts
        ]
        # Clients learn who will answer before the first token arrives.
        get_stream_writer()({"type": "route", "experts": routed, "reason": decision.reason})
        return {"route": routed}

    return route


def history_for_model(messages: Sequence[BaseMessage], max_tokens: int) -> list[BaseMessage]:
    """The latest turns that fit the budget, starting on a user turn."""
    return trim_messages(
        list(messages),
        max_tokens=max_tokens,
        token_counter=count_tokens_approximately,
        strategy="last",
        start_on="human",
        allow_partial=False,
    )


def make_llm_expert_node(expert: Expert, chain: Runnable, settings: Settings) -> NodeFn:
    async def answer(state: State) -> dict[str, Any]:
        history = history_for_model(state["messages"], settings.history_max_tokens)
        reply = await chain.ainvoke({"messages": history})
        message = AIMessage(
            content=reply.content,
            name=expert.name,
            id=reply.id,
            response_metadata=reply.response_metadata,
        )
        return {"messages": [message], "experts_used": [expert.name]}

    return answer


def make_scripted_expert_node(expert: Expert) -> NodeFn:
    async def answer(state: State) -> dict[str, Any]:
        message = AIMessage(content=expert.system_prompt, name=expert.name)
        return {"messages": [message], "experts_used": [expert.name]}

    return answer


def next_experts(state: State) -> list[str]:
    return [r["name"] for r in state.get("route", [])]
