"""The one factory every chat model comes from.

Production and the embedded default differ only in settings: the base URL of an OpenAI-compatible
server and a model name (the base model or the `medical-expert` LoRA). Tests and UI work swap in a
scripted fake by setting `llm_backend="fake"`, so no code path changes between worlds.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_core.runnables import Runnable
from langchain_openai import ChatOpenAI

from config.settings import Settings


def fake_replies(model: str) -> Iterator[AIMessage]:
    """An endless, recognisable reply so tests can tell which model answered."""
    return itertools.cycle(
        [AIMessage(content=f"[{model}] This is a scripted answer. 这是一个测试回答。")]
    )


class FakeChatModel(GenericFakeChatModel):
    """The scripted model, able to stand in where tools are bound and to stream tool calls."""

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Runnable[LanguageModelInput, Any]:
        return self  # the script decides whether a tool is called

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        message = self._generate(messages, stop=stop, **kwargs).generations[0].message
        assert isinstance(message, AIMessage)
        if message.tool_calls:
            chunks = [
                AIMessageChunk(
                    content="",
                    id=message.id,
                    tool_call_chunks=[
                        {
                            "name": call["name"],
                            "args": json.dumps(call["args"]),
                            "id": call["id"],
                            "index": i,
                        }
                        for i, call in enumerate(message.tool_calls)
                    ],
                )
            ]
        else:
            tokens = re.split(r"(\s)", str(message.content))
            chunks = [AIMessageChunk(content=t, id=message.id) for t in tokens]
        chunks[-1].chunk_position = "last"
        for chunk in chunks:
            generation = ChatGenerationChunk(message=chunk)
            if run_manager:
                run_manager.on_llm_new_token(str(chunk.content), chunk=generation)
            yield generation


def chat_model(
    settings: Settings, model: str, temperature: float, **overrides: Any
) -> BaseChatModel:
    """`overrides` are per-expert decoding knobs (max tokens, penalties), ChatOpenAI's names."""
    if settings.llm.backend == "fake":
        return FakeChatModel(messages=fake_replies(model))
    # settings.llm.max_tokens is the ceiling for every answer; an expert's decoding may ask less.
    # (Overriding it upwards made the tests' short answers 320 tokens long: 36 min of CI.)
    wanted = overrides.pop("max_completion_tokens", settings.llm.max_tokens)
    options: dict[str, Any] = {
        "max_completion_tokens": min(wanted, settings.llm.max_tokens),
        **overrides,
    }
    return ChatOpenAI(
        model=model,
        base_url=settings.llm.openai_api_base,
        api_key=settings.llm.openai_api_key,
        temperature=temperature,
        # The client's read timeout bounds every wait on the server: the first token (prefill: a
        # long Chinese story is minutes of CPU on the embedded default) and each one after it.
        timeout=settings.llm.timeout_s,
        # langchain-openai's own per-chunk timeout stays off: it waits for each chunk with
        # asyncio.wait_for, which on Python 3.11 swallows a cancel that lands as a chunk arrives
        # (CPython gh-86296, fixed in 3.12). LangGraph cancels a node once, then waits for it, so
        # a cancelled reply went on until the model finished it (the stream stayed open > 10 s).
        stream_chunk_timeout=None,
        max_retries=1,
        streaming=True,
        stream_usage=True,
        **options,
    )
