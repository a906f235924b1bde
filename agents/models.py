"""The one factory every chat model comes from.

Production and the embedded default differ only in settings: the base URL of an OpenAI-compatible
server and a model name (the base model or the `medical-expert` LoRA). Tests and UI work swap in a
scripted fake by setting `llm_backend="fake"`, so no code path changes between worlds.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_openai import ChatOpenAI

from config.settings import Settings


def fake_replies(model: str) -> Iterator[AIMessage]:
    """An endless, recognisable reply so tests can tell which model answered."""
    return itertools.cycle(
        [AIMessage(content=f"[{model}] This is a scripted answer. 这是一个测试回答。")]
    )


def chat_model(settings: Settings, model: str, temperature: float) -> BaseChatModel:
    if settings.llm_backend == "fake":
        return GenericFakeChatModel(messages=fake_replies(model))
    return ChatOpenAI(
        model=model,
        base_url=settings.openai_api_base,
        api_key=settings.openai_api_key,
        temperature=temperature,
        max_completion_tokens=settings.max_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=1,
        streaming=True,
        stream_usage=True,
    )
