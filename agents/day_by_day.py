"""A chat model that writes an itinerary one day at a time under headings it does not write.

The skeleton (`agents.day_plan`) fixes which sights go on which day; for each day the wrapper
streams the heading, then the inner model's answer to "write only day N, visiting …" with the
turn's own prompt and history. Each inner call has the expert's per-day token budget, so a day
that loops is cut after one day's worth of text instead of filling the whole answer.

It is an ordinary chat model: LangGraph streams its chunks (the inner calls are tagged
`nostream`), the guard can wrap it, and the aggregated message is exactly what was streamed.
Days are asked one after another, so the answer streams in reading order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, ClassVar

from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    CallbackManagerForLLMRun,
)
from langchain_core.messages import AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.messages.ai import UsageMetadata, add_usage
from langchain_core.outputs import ChatGenerationChunk

from agents.day_plan import DayPlan, intro
from agents.wrapped_chat_model import WrappedChatModel


def _chunk(text: str, **extra: Any) -> ChatGenerationChunk:
    return ChatGenerationChunk(message=AIMessageChunk(content=text, **extra))


def day_messages(messages: Sequence[BaseMessage], day: DayPlan) -> list[BaseMessage]:
    """The turn's messages and, last, the request for this one day: the 0.5B model answers the
    newest message (asked only "plan three days", it wrote all three days in every call)."""
    return [*messages, HumanMessage(content=day.instruction())]


def day_stops(stop: list[str] | None, day: DayPlan) -> list[str]:
    """The day's stop strings (the model starting the next day ends it), then the caller's, at
    most four in all (vLLM's limit)."""
    return [*day.stops(), *(stop or [])][:4]


class _Day:
    """Tidies one day's streamed text: no leading blank lines, one line break at the end."""

    def __init__(self) -> None:
        self.started = False
        self.ended_with_newline = False

    def text(self, piece: str) -> str:
        if not self.started:
            piece = piece.lstrip()
            self.started = bool(piece)
        if piece:
            self.ended_with_newline = piece.endswith("\n")
        return piece

    def close(self) -> str:
        return "\n" if self.ended_with_newline else "\n\n"


class DayByDayChatModel(WrappedChatModel):
    """Wraps `inner`; `plan` is this turn's skeleton (one inner call per day)."""

    inner_run_name: ClassVar[str] = "itinerary_day"

    plan: tuple[DayPlan, ...]

    @property
    def _llm_type(self) -> str:
        return "day-by-day-itinerary"

    def _opening(self) -> str:
        return f"{intro(self.plan)}\n\n"

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        stitch = _Stitcher(self._opening())
        for day in self.plan:
            stitch.start(day)
            config = self._inner_config(run_manager)
            for chunk in self.inner.stream(
                day_messages(messages, day), config, stop=day_stops(stop, day), **kwargs
            ):
                if piece := stitch.piece(chunk):
                    yield piece
            yield stitch.end()
        yield stitch.last()

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        stitch = _Stitcher(self._opening())
        for day in self.plan:
            stitch.start(day)
            config = self._inner_config(run_manager)
            async for chunk in self.inner.astream(
                day_messages(messages, day), config, stop=day_stops(stop, day), **kwargs
            ):
                if piece := stitch.piece(chunk):
                    yield piece
            yield stitch.end()
        yield stitch.last()


class _Stitcher:
    """Joins the days' inner streams into one answer: the opening and each heading are held back
    until that day's server answers (a dead model leaves no half-answer in the thread), and usage
    and finish reasons are summed over the days. Shared by the sync and async loops."""

    def __init__(self, opening: str) -> None:
        self.pending = opening
        self.usage: UsageMetadata | None = None
        self.finishes: list[str] = []
        self.tidy = _Day()

    def start(self, day: DayPlan) -> None:
        self.pending += f"{day.heading()}\n"
        self.tidy = _Day()

    def piece(self, chunk: BaseMessage) -> ChatGenerationChunk | None:
        self.usage = _add(self.usage, chunk)
        if reason := chunk.response_metadata.get("finish_reason"):
            self.finishes.append(str(reason))
        text = self.pending + self.tidy.text(chunk.text)
        self.pending = ""
        return _chunk(text) if text else None

    def end(self) -> ChatGenerationChunk:
        text, self.pending = self.pending + self.tidy.close(), ""
        return _chunk(text)

    def last(self) -> ChatGenerationChunk:
        return _last(self.usage, self.finishes)


def _last(usage: UsageMetadata | None, finishes: list[str]) -> ChatGenerationChunk:
    """Usage over all days; finish reason "length" if any day hit its budget."""
    reason = "length" if "length" in finishes else (finishes[-1] if finishes else None)
    meta = {"finish_reason": reason, "day_finish_reasons": finishes}
    return _chunk("", usage_metadata=usage, response_metadata=meta, chunk_position="last")


def _add(total: UsageMetadata | None, chunk: BaseMessage) -> UsageMetadata | None:
    """Token usage summed over the days (each inner call reports its own)."""
    usage = getattr(chunk, "usage_metadata", None)
    if usage is None:
        return total
    return usage if total is None else add_usage(total, usage)
