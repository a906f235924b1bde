"""A chat model that wraps another and is defined by its stream (the guard, the day planner).

Why a base: both wrappers must answer `invoke` exactly as they stream (the graph streams, tests
and tools invoke), so the non-streaming calls are derived from the stream in one place.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.language_models.chat_models import agenerate_from_stream, generate_from_stream
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult
from langchain_core.runnables import Runnable
from pydantic import ConfigDict, SkipValidation


class WrappedChatModel(BaseChatModel):
    """Subclasses implement `_stream` / `_astream` over `inner`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: SkipValidation[Runnable[LanguageModelInput, BaseMessage]]

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return generate_from_stream(self._stream(messages, stop, run_manager, **kwargs))

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return await agenerate_from_stream(self._astream(messages, stop, run_manager, **kwargs))
