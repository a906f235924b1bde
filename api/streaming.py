"""Run the graph for one user turn and turn what it streams into LangGraph-style events.

Event vocabulary (LangGraph's wire names): `metadata` {run_id, thread_id} first; `custom` route
and safety events from the graph; `messages` [message_chunk, metadata] token chunks labelled
with expert and model; `error` {error, message} on failure; always a final `end` (data null).

The graph runs in its own task (`ChatRun`), so a client disconnect or POST /cancel stops it by
cancelling that task, which closes the model request (vLLM aborts it). The run never raises:
a failure becomes an `error` event, the answer so far is kept in the thread marked
`incomplete`, and the stream still ends.

The user message is written to the thread (and the run to the run journal) before the graph
starts, and that write finishes even when a cancel arrives during it: cancel, failure, timeout
or crash may cost the answer, never the question (issue 12). The graph then resumes from it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, cast

import httpx
import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.runnables import RunnableConfig
from langchain_openai import StreamChunkTimeoutError
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import StateUpdate, StreamMode
from sse_starlette import ServerSentEvent

from api.observability.shutdown import SHUTDOWN_ERROR, SHUTDOWN_REASON
from api.run_journal import Partial, RunJournal, noting_progress
from api.runs import RunHandle

log = logging.getLogger(__name__)

STREAM_MODES: list[StreamMode] = ["messages", "custom", "updates"]
# What /chat sends; the LangGraph Server API may also ask for `updates` and `values`.
CHAT_MODES: frozenset[str] = frozenset({"messages", "custom"})
METADATA_KEYS = ("expert", "domain", "model", "langgraph_node", "langgraph_step")
STORE_TIMEOUT_S = 10.0
CANCELLED = ("cancelled", "The reply was cancelled.")
STOPPED_FOR_SHUTDOWN = (SHUTDOWN_ERROR["error"], SHUTDOWN_ERROR["message"])
STORE_FAILED = ("store_unavailable", "The conversation could not be saved. Please retry.")
Event = tuple[str, Any]


def message_payload(chunk: BaseMessage) -> dict[str, Any]:
    return {"type": chunk.type, "id": chunk.id, "content": chunk.content, "name": chunk.name}


def full_message(chunk: BaseMessage) -> dict[str, Any]:
    """The whole LangChain message dict, as the LangGraph Server API sends it."""
    return chunk.model_dump()


def classify_failure(exc: BaseException) -> tuple[str, str]:
    """Map an exception to (error type, user-safe message); no internals leak to clients."""
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException | StreamChunkTimeoutError):
        return "llm_timeout", "The language model did not answer in time. Please retry."
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        return "llm_unavailable", "The language model server is unreachable. Please retry."
    if isinstance(exc, openai.APIStatusError):
        return "llm_error", f"The language model server rejected the request ({exc.status_code})."
    return "internal_error", "Something went wrong while answering. Please retry."


def thread_config(thread_id: str, owner: str, run_id: str | None = None) -> RunnableConfig:
    """The config of every run and state update: the owner rides in checkpoint metadata."""
    config: RunnableConfig = {
        "configurable": {"thread_id": thread_id},
        "metadata": {"owner": owner},
    }
    if run_id is not None:
        config["run_id"] = uuid.UUID(run_id)
        config["metadata"]["run_id"] = run_id  # checkpoints name the run that wrote them
    return config


@dataclass
class PartialAnswer:
    """What one expert node has streamed so far, kept if the run stops before it finishes."""

    node: str
    expert: str | None
    model: str | None
    message_id: str | None
    parts: list[str] = field(default_factory=list)

    def as_note(self) -> Partial:
        return {
            "node": self.node,
            "expert": self.expert,
            "model": self.model,
            "message_id": self.message_id,
            "text": "".join(self.parts),
        }

    @classmethod
    def from_note(cls, note: Partial) -> PartialAnswer:
        return cls(
            note["node"],
            note.get("expert"),
            note.get("model"),
            note.get("message_id"),
            [note.get("text", "")],
        )

    def message(self) -> AIMessage:
        marks = {"incomplete": True}
        return AIMessage(
            content="".join(self.parts),
            name=self.expert,
            id=self.message_id,
            additional_kwargs=marks,
            response_metadata={**marks, "model_name": self.model},
        )


class ChatRun:
    """One user turn on one thread, running in its own task and queueing events for a reader."""

    def __init__(
        self,
        graph: CompiledStateGraph,
        handle: RunHandle,
        *,
        message: str,
        timeout_s: float,
        journal: RunJournal,
        on_finish: Callable[[], Awaitable[None]],
        modes: frozenset[str] = CHAT_MODES,
        message_format: Callable[[BaseMessage], dict[str, Any]] = message_payload,
        message_id: str | None = None,
    ) -> None:
        self.graph = graph
        self.handle = handle
        self.thread_id = handle.thread_id
        self.run_id = handle.run_id
        self.owner = handle.owner
        self.message = message
        self.timeout_s = timeout_s
        self.config = thread_config(self.thread_id, self.owner, self.run_id)
        self.journal = journal
        self.on_finish = on_finish
        self.modes = modes
        self.message_format = message_format
        self.message_id = message_id or str(uuid.uuid4())
        self._queue: asyncio.Queue[Event | None] = asyncio.Queue()
        self._partials: dict[str, PartialAnswer] = {}
        # Resolved once the turn is durable (None) or could not be (the error): the service
        # answers 200 only after it, so a question the server took is never lost to a hang-up.
        self.began: asyncio.Future[tuple[str, str] | None] = (
            asyncio.get_running_loop().create_future()
        )

    def start(self) -> None:
        self.handle.task = asyncio.create_task(self._produce(), name=f"run-{self.run_id}")

    async def events(self) -> AsyncIterator[Event]:
        while (item := await self._queue.get()) is not None:
            yield item

    async def _produce(self) -> None:
        emit = self._queue.put_nowait
        try:
            self.handle.started = True
            emit(("metadata", {"run_id": self.run_id, "thread_id": self.thread_id}))
            error = await self._begin()
            self.began.set_result(error)
            if error is None:
                async with noting_progress(self.journal, self.run_id, self._notes):
                    error = await self._run_graph(emit)
            if error is not None:
                await self._keep_partial_answers()
                emit(("error", {"error": error[0], "message": error[1]}))
        finally:
            if not self.began.done():  # stopped or broken before the turn was written
                self.began.set_result(STORE_FAILED)
            # Free the thread before `end`, so a client may send its next message at once.
            self.handle.finishing = True
            try:
                await asyncio.shield(self._close())
            finally:
                emit(("end", None))
                emit(None)

    async def _begin(self) -> tuple[str, str] | None:
        """Make the turn durable; a cancel waits for the write, then stops the run."""
        write = asyncio.ensure_future(self._save_turn())
        while not write.done():
            try:
                await asyncio.shield(write)
            except asyncio.CancelledError:
                if (task := asyncio.current_task()) is not None:
                    task.uncancel()
            except Exception:
                break
        if write.exception() is not None:
            log.error("run %s: could not save the turn (%r)", self.run_id, write.exception())
            return STORE_FAILED
        if self.handle.cancel_reason is not None:
            log.info("run %s stopped before it began: %s", self.run_id, self.handle.cancel_reason)
            return self._stopped()
        return None

    async def _save_turn(self) -> None:
        user = HumanMessage(content=self.message, id=self.message_id)

        async def write() -> None:
            await self.graph.aupdate_state(self.config, {"messages": [user]}, as_node="__start__")

        async with asyncio.timeout(STORE_TIMEOUT_S):
            await self.journal.opened_with(self.run_id, self.thread_id, self.owner, write)

    async def _close(self) -> None:
        try:
            await self.journal.closed(self.run_id)
        except Exception as exc:  # the row stays open: the next start-up marks it interrupted
            log.warning("run %s: could not close it in the journal (%r)", self.run_id, exc)
        await self.on_finish()

    def _notes(self) -> list[Partial]:
        return [p.as_note() for p in self._partials.values()]

    async def _run_graph(self, emit: Callable[[Event], None]) -> tuple[str, str] | None:
        deadline = asyncio.timeout(self.timeout_s)
        try:
            async with deadline:
                async for mode, payload in self.graph.astream(
                    None,  # the turn is already in the thread (_save_turn): resume from it
                    self.config,
                    stream_mode=self._stream_modes(),
                ):
                    self._on_stream(mode, payload, emit)
        except asyncio.CancelledError:
            # Cancellation is how /cancel and disconnects stop us; finish the stream cleanly.
            if (task := asyncio.current_task()) is not None:
                task.uncancel()
            reason = self.handle.cancel_reason or "cancelled"
            log.info("run %s on thread %s stopped: %s", self.run_id, self.thread_id, reason)
            return self._stopped()
        except TimeoutError as exc:
            # The model client's own read timeout is a TimeoutError too (langchain-openai's
            # StreamChunkTimeoutError): only our deadline expiring is a run timeout.
            if not deadline.expired():
                return self._failed(exc)
            log.warning("run %s hit the %.0fs run timeout", self.run_id, self.timeout_s)
            return "run_timeout", "The answer took too long and was stopped. Please retry."
        except Exception as exc:  # the run boundary: every failure becomes an error event
            return self._failed(exc)
        return None

    def _stream_modes(self) -> list[StreamMode]:
        """What the graph streams: what the run needs itself, plus `values` when asked."""
        return [*STREAM_MODES, "values"] if "values" in self.modes else STREAM_MODES

    def _stopped(self) -> tuple[str, str]:
        """A server stopping is not the user cancelling: the client is told to send it again."""
        if self.handle.cancel_reason == SHUTDOWN_REASON:
            return STOPPED_FOR_SHUTDOWN
        return CANCELLED

    def _failed(self, exc: BaseException) -> tuple[str, str]:
        error_type, text = classify_failure(exc)
        log.warning(
            "run %s on thread %s failed: %s (%r)", self.run_id, self.thread_id, error_type, exc
        )
        return error_type, text

    def _on_stream(self, mode: str, payload: Any, emit: Callable[[Event], None]) -> None:
        if mode in ("custom", "values") and mode in self.modes:
            emit((mode, payload))
        elif mode == "updates":
            # A node finished: its answer is in the thread, nothing partial to keep.
            for node in cast(dict[str, Any], payload or {}):
                self._partials.pop(node, None)
            if mode in self.modes:
                emit((mode, payload))
        elif mode == "messages":
            chunk, meta = cast(tuple[BaseMessage, dict[str, Any]], payload)
            labels = {k: meta[k] for k in METADATA_KEYS if k in meta}
            node = str(meta.get("langgraph_node", ""))
            if node and isinstance(chunk.content, str):
                partial = self._partials.setdefault(
                    node,
                    PartialAnswer(node, meta.get("expert"), meta.get("model"), chunk.id),
                )
                partial.parts.append(chunk.content)
            if mode in self.modes:
                emit(("messages", [self.message_format(chunk), labels]))

    async def _keep_partial_answers(self) -> None:
        try:
            await keep_partial_answers(self.graph, self.thread_id, self.owner, self._partials)
        except Exception as exc:
            log.warning("run %s: could not keep the partial answer (%r)", self.run_id, exc)


async def keep_partial_answers(
    graph: CompiledStateGraph, thread_id: str, owner: str, partials: dict[str, PartialAnswer]
) -> None:
    """Write what was streamed as each expert's answer, marked incomplete (API layer only)."""
    kept = [p for p in partials.values() if "".join(p.parts).strip()]
    if not kept:
        return
    updates = [StateUpdate({"messages": [p.message()]}, as_node=p.node) for p in kept]
    async with asyncio.timeout(STORE_TIMEOUT_S):
        await graph.abulk_update_state(thread_config(thread_id, owner), [updates])


def sse_frame(event: Event) -> ServerSentEvent:
    name, data = event
    return ServerSentEvent(event=name, data=json.dumps(data, ensure_ascii=False))


async def numbered(run_id: str, frames: AsyncIterable[Any]) -> AsyncIterator[Any]:
    """Give every event on the wire an id `<run_id>:<seq>`, whichever layer produced it (the
    run, or the shutdown drain's own `error`/`end`); pings are comments and stay unnumbered."""
    seq = 0
    async for frame in frames:
        if isinstance(frame, ServerSentEvent) and frame.event:
            frame.id = f"{run_id}:{seq}"
            seq += 1
        yield frame


async def sse_events(run: ChatRun) -> AsyncIterator[ServerSentEvent]:
    """Frame a run's events; if the reader goes away first, stop the run."""
    try:
        async for event in run.events():
            yield sse_frame(event)
    finally:
        run.handle.cancel("client disconnected")  # a no-op once the run has finished
