"""A chat model that streams only what passed the guard.

The inner model is called with LangGraph's `nostream` tag, so its raw tokens never reach a
`messages` stream; the wrapper buffers them, releases each sentence once the checker passed it
(a blocked one becomes its safe line; a sentence's first clauses may go earlier, see gate.py)
and is itself an ordinary chat model, so LangGraph streams its chunks and the aggregated message
is exactly what the user saw. The inner model's response
metadata (usage, finish reason) rides on the last chunk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any, ClassVar

from langchain_core.callbacks import (
    AsyncCallbackManagerForLLMRun,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_core.runnables import Runnable
from pydantic import SkipValidation

from agents.guard.checker import GuardContext
from agents.guard.gate import OnBlock, Release, SentenceGate
from agents.guard.rules import HazardRules
from agents.wrapped_chat_model import WrappedChatModel


def _chunk(text: str) -> ChatGenerationChunk:
    return ChatGenerationChunk(message=AIMessageChunk(content=text))


class _Tail:
    """Everything of the inner reply that is not its text: metadata and tool-call chunks."""

    def __init__(self) -> None:
        self.merged: AIMessageChunk | None = None

    def add(self, message: Any) -> tuple[str, ChatGenerationChunk | None]:
        """The chunk's text, and its tool-call chunks to pass on at once (if any)."""
        if not isinstance(message, AIMessageChunk):
            raise TypeError(f"the inner model streamed {type(message).__name__}, not a message")
        meta = AIMessageChunk(
            content="",
            response_metadata=message.response_metadata,
            usage_metadata=message.usage_metadata,
        )
        self.merged = meta if self.merged is None else self.merged + meta
        calls = (
            _chunk_with_tool_calls(message.tool_call_chunks) if message.tool_call_chunks else None
        )
        return message.text, calls

    def last(self) -> ChatGenerationChunk:
        merged = self.merged or AIMessageChunk(content="")
        return ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                response_metadata=merged.response_metadata,
                usage_metadata=merged.usage_metadata,
                chunk_position="last",
            )
        )


def _chunk_with_tool_calls(calls: Sequence[Any]) -> ChatGenerationChunk:
    return ChatGenerationChunk(message=AIMessageChunk(content="", tool_call_chunks=list(calls)))


class GuardedChatModel(WrappedChatModel):
    """Wraps `inner`; `context` is the turn's guard context, `on_block` hears every block."""

    inner_run_name: ClassVar[str] = "guarded_inner_model"

    context: SkipValidation[GuardContext]
    on_block: SkipValidation[OnBlock | None] = None
    rules: SkipValidation[HazardRules | None] = None
    release: Release = "clause"  # how much of a sentence may show before it ends (gate.py)

    @property
    def _llm_type(self) -> str:
        return "guarded-chat-model"

    def with_context(
        self, context: GuardContext, on_block: OnBlock | None = None
    ) -> GuardedChatModel:
        """The same wrapper for another turn (cards, language and callback change per turn)."""
        return self.model_copy(update={"context": context, "on_block": on_block})

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, Any]:
        if not isinstance(self.inner, BaseChatModel):
            raise TypeError("bind tools on the inner chat model before it is wrapped twice")
        return self.model_copy(update={"inner": self.inner.bind_tools(tools, **kwargs)})

    def _gate(self) -> SentenceGate:
        return SentenceGate(self.context, self.rules, self.on_block, self.release)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        gate, tail = self._gate(), _Tail()
        config = self._inner_config(run_manager)
        try:
            for chunk in self.inner.stream(messages, config=config, stop=stop, **kwargs):
                yield from _checked(gate, tail, chunk)
        except Exception:
            yield from _flushed(gate)
            raise
        yield from _flushed(gate)
        yield tail.last()

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        gate, tail = self._gate(), _Tail()
        config = self._inner_config(run_manager)
        try:
            async for chunk in self.inner.astream(messages, config=config, stop=stop, **kwargs):
                for piece in _checked(gate, tail, chunk):
                    yield piece
        except Exception:
            for piece in _flushed(gate):
                yield piece
            raise
        for piece in _flushed(gate):
            yield piece
        yield tail.last()


def _checked(gate: SentenceGate, tail: _Tail, chunk: BaseMessage) -> list[ChatGenerationChunk]:
    """What of this inner chunk the user may see now: the sentences the gate released, then any
    tool-call chunk as it came."""
    text, calls = tail.add(chunk)
    pieces = [_chunk(piece) for piece in gate.feed(text)]
    return pieces if calls is None else [*pieces, calls]


def _flushed(gate: SentenceGate) -> list[ChatGenerationChunk]:
    """The held-back tail, checked. Also when the model failed mid-answer: what it said so far
    still goes through the gate, so the user keeps the checked part (stored as incomplete)."""
    return [_chunk(piece) for piece in gate.flush()]
