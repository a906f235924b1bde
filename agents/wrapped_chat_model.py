"""A chat model that wraps another and is defined by its stream (the guard, the day planner).

Why a base: both wrappers must answer `invoke` exactly as they stream (the graph streams, tests
and tools invoke), so the non-streaming calls are derived from the stream in one place.
"""

from __future__ import annotations

from typing import Any, ClassVar

from langchain_core.callbacks import (
    AsyncCallbackManager,
    AsyncCallbackManagerForLLMRun,
    CallbackManager,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.language_models.chat_models import agenerate_from_stream, generate_from_stream
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult
from langchain_core.runnables import Runnable, RunnableConfig
from langgraph.constants import TAG_NOSTREAM
from pydantic import ConfigDict, SkipValidation


class WrappedChatModel(BaseChatModel):
    """Subclasses implement `_stream` / `_astream` over `inner`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: SkipValidation[Runnable[LanguageModelInput, BaseMessage]]
    inner_run_name: ClassVar[str] = "inner_model"

    def _inner_config(
        self, run_manager: CallbackManagerForLLMRun | AsyncCallbackManagerForLLMRun | None
    ) -> RunnableConfig:
        """Tagged `nostream` (the wrapper streams the text); a child of this model's run when
        there is one, so traces nest."""
        config: RunnableConfig = {"tags": [TAG_NOSTREAM], "run_name": self.inner_run_name}
        if run_manager is not None:
            # An LLM run has no get_child(): build the child manager as ParentRunManager does.
            manager_type = (
                AsyncCallbackManager
                if isinstance(run_manager, AsyncCallbackManagerForLLMRun)
                else CallbackManager
            )
            manager = manager_type(handlers=[], parent_run_id=run_manager.run_id)
            manager.set_handlers(run_manager.inheritable_handlers)
            manager.add_tags(run_manager.inheritable_tags)
            manager.add_metadata(run_manager.inheritable_metadata)
            config["callbacks"] = manager
        return config

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
