"""Run the graph for one user turn and frame what it streams as LangGraph-style SSE events.

Event vocabulary (LangGraph's wire names): `metadata` {run_id, thread_id} first; `custom` route
and safety events from the graph; `messages` [message_chunk, metadata] token chunks labelled
with expert and model; `error` {error, message} on failure; always a final `end` (data null).
The generator never raises: a failure becomes an `error` event and the stream still ends.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from typing import Any, cast

import httpx
import openai
from langchain_core.messages import BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import StreamMode
from sse_starlette import ServerSentEvent

log = logging.getLogger(__name__)

STREAM_MODES: list[StreamMode] = ["messages", "custom"]
METADATA_KEYS = ("expert", "domain", "model", "langgraph_node", "langgraph_step")


def _event(event: str, data: Any) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=json.dumps(data, ensure_ascii=False))


def message_payload(chunk: BaseMessage) -> dict[str, Any]:
    return {"type": chunk.type, "id": chunk.id, "content": chunk.content, "name": chunk.name}


def classify_failure(exc: Exception) -> tuple[str, str]:
    """Map an exception to (error type, user-safe message); no internals leak to clients."""
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        return "llm_timeout", "The language model did not answer in time. Please retry."
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "llm_unavailable", "The language model server is unreachable. Please retry."
    if isinstance(exc, openai.APIStatusError):
        return "llm_error", f"The language model server rejected the request ({exc.status_code})."
    return "internal_error", "Something went wrong while answering. Please retry."


async def chat_events(
    graph: CompiledStateGraph, message: str, thread_id: str, run_id: str
) -> AsyncIterator[ServerSentEvent]:
    yield _event("metadata", {"run_id": run_id, "thread_id": thread_id})
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}, "run_id": uuid.UUID(run_id)}
    try:
        async for mode, payload in graph.astream(
            {"messages": [HumanMessage(content=message)]},
            config,
            stream_mode=STREAM_MODES,
        ):
            if mode == "custom":
                yield _event("custom", payload)
            elif mode == "messages":
                chunk, meta = cast(tuple[BaseMessage, dict[str, Any]], payload)
                labels = {k: meta[k] for k in METADATA_KEYS if k in meta}
                yield _event("messages", [message_payload(chunk), labels])
    except Exception as exc:  # the stream boundary: every failure becomes an error event
        error_type, text = classify_failure(exc)
        log.warning("run %s on thread %s failed: %s (%r)", run_id, thread_id, error_type, exc)
        yield _event("error", {"error": error_type, "message": text})
    yield ServerSentEvent(event="end", data="null")
