"""Threads as the checkpointer already keeps them: owner, listing, history, deletion.

The owner of a thread is written into every checkpoint's metadata (config["metadata"]), so the
same code works on the SQLite and the PostgreSQL saver and no extra table is needed. A message's
time is when it first appears in the thread's checkpoint history.

History shows a turn as the stream did: a multi-intent answer (stored merged, one `## <title>`
section per expert) is split back into labelled sections, and the emergency reply carries the
turn's safety outcome (kept on the message under `additional_kwargs["safety"]`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph

from agents.chains import model_name_for
from agents.registry import EXPERTS
from api.errors import ApiError
from api.schemas import HistoryMessage, HistorySection, SafetyOutcome, ThreadSummary
from api.streaming import thread_config
from config.settings import Settings

NOT_FOUND = "no such thread"
TITLE_CHARS = 40


def _parse_ts(ts: str | None) -> datetime | None:
    return datetime.fromisoformat(ts) if ts else None


async def thread_owner(checkpointer: BaseCheckpointSaver, thread_id: str) -> str | None:
    """The owner of an existing thread, "" for one without an owner, None if it does not exist."""
    found = await checkpointer.aget_tuple({"configurable": {"thread_id": thread_id}})
    if found is None:
        return None
    return str(found.metadata.get("owner", ""))


async def require_own_thread(checkpointer: BaseCheckpointSaver, thread_id: str, owner: str) -> None:
    """404 for threads that do not exist and for other callers' threads alike."""
    if await thread_owner(checkpointer, thread_id) != owner:
        raise ApiError(404, "not_found", NOT_FOUND)


def _title(values: dict[str, Any]) -> str | None:
    """The thread's first question, shortened: what a person recognises a thread by."""
    for m in values.get("messages", []):
        if isinstance(m, HumanMessage):
            text = " ".join(m.text.split())
            return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1] + "…"
    return None


async def list_threads(checkpointer: BaseCheckpointSaver, owner: str) -> list[ThreadSummary]:
    spans: dict[str, tuple[str, str]] = {}
    titles: dict[str, str | None] = {}
    async for item in checkpointer.alist(None, filter={"owner": owner}):
        thread_id = str(item.config["configurable"]["thread_id"])
        ts = str(item.checkpoint["ts"])
        first, last = spans.get(thread_id, (ts, ts))
        if thread_id not in titles or ts >= last:
            titles[thread_id] = _title(item.checkpoint.get("channel_values", {}))
        spans[thread_id] = (min(first, ts), max(last, ts))
    summaries = [
        ThreadSummary(
            thread_id=t, created_at=_parse_ts(a), updated_at=_parse_ts(b), title=titles.get(t)
        )
        for t, (a, b) in spans.items()
    ]
    summaries.sort(key=lambda s: s.updated_at or datetime.min, reverse=True)
    return summaries


async def run_recorded(checkpointer: BaseCheckpointSaver, thread_id: str, run_id: str) -> bool:
    """Whether a run wrote checkpoints on this thread (it finished, or failed after starting)."""
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    async for _ in checkpointer.alist(config, filter={"run_id": run_id}, limit=1):
        return True
    return False


def _model_of(message: AIMessage, settings: Settings) -> str | None:
    """The model the server said it used; else the one the expert is configured with."""
    model = message.response_metadata.get("model_name")
    if model:
        return str(model)
    expert = EXPERTS.get(message.name or "")
    return model_name_for(expert, settings) if expert else None


def split_sections(message: AIMessage, settings: Settings) -> list[HistorySection]:
    """The merged answer's sections, by the `## <title>` header the merge wrote per expert.

    [] when the message is not a merge of several experts, or its headers cannot all be found
    in order (the text is then shown whole).
    """
    names = message.response_metadata.get("experts")
    if not isinstance(names, list) or len(names) < 2 or any(n not in EXPERTS for n in names):
        return []
    text = message.text
    headers = [f"## {EXPERTS[n].title}\n\n" for n in names]
    if not text.startswith(headers[0]):
        return []
    starts = [0]
    for header in headers[1:]:
        at = text.find(f"\n\n{header}", starts[-1] + len(headers[len(starts) - 1]))
        if at < 0:
            return []
        starts.append(at + 2)
    ends = [s - 2 for s in starts[1:]] + [len(text)]
    kept = message.response_metadata.get("models")
    models = kept if isinstance(kept, list) and len(kept) == len(names) else [None] * len(names)
    return [
        HistorySection(
            expert=name,
            title=EXPERTS[name].title,
            # the model that wrote the section; a merge stored before 2026-12-02 has none
            model=str(model) if model else model_name_for(EXPERTS[name], settings),
            content=text[start + len(header) : end],
        )
        for name, header, start, end, model in zip(
            names, headers, starts, ends, models, strict=True
        )
    ]


def safety_of(message: AIMessage) -> SafetyOutcome | None:
    kept = message.additional_kwargs.get("safety")
    return SafetyOutcome.model_validate(kept) if isinstance(kept, dict) else None


def to_history(
    message: BaseMessage, time: datetime | None, settings: Settings
) -> HistoryMessage | None:
    incomplete = bool(message.additional_kwargs.get("incomplete"))
    if isinstance(message, HumanMessage):
        return HistoryMessage(role="user", content=message.text, time=time)
    if isinstance(message, AIMessage):
        return HistoryMessage(
            role="assistant",
            content=message.text,
            expert=message.name,
            model=_model_of(message, settings),
            time=time,
            incomplete=incomplete,
            sections=split_sections(message, settings),
            safety=safety_of(message),
        )
    return None


async def thread_history(
    graph: CompiledStateGraph, thread_id: str, owner: str, settings: Settings
) -> list[HistoryMessage]:
    config = thread_config(thread_id, owner)
    first_seen: dict[str, datetime] = {}
    latest: list[Any] = []
    async for snapshot in graph.aget_state_history(config):  # newest first
        messages = snapshot.values.get("messages", []) if snapshot.values else []
        if not latest:
            latest = list(messages)
        when = _parse_ts(snapshot.created_at)
        for m in messages:
            if m.id and when is not None:
                first_seen[m.id] = when  # overwritten by older snapshots: the first appearance
    history = [to_history(m, first_seen.get(m.id or ""), settings) for m in latest]
    return [h for h in history if h is not None]
