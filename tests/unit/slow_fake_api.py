"""`python -m tests.unit.slow_fake_api`: the real API entry point with a slow fake model.

For tests that need a stream to still be open when something happens (SIGTERM). Each chunk of
the scripted answer waits TG_TEST_CHUNK_DELAY_S; everything else is the production entry point.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from collections.abc import AsyncIterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGenerationChunk

import agents.chains
from api.__main__ import main
from config.settings import Settings

DELAY_S = float(os.environ.get("TG_TEST_CHUNK_DELAY_S", "0.5"))


class SlowFakeChatModel(GenericFakeChatModel):
    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        for chunk in self._stream(messages, stop=stop, **kwargs):
            await asyncio.sleep(DELAY_S)
            yield chunk


def slow_chat_model(
    settings: Settings, model: str, temperature: float, **_: object
) -> BaseChatModel:
    # Many short sentences: guarded experts release an answer sentence by sentence.
    sentences = " ".join(f"Sentence {i}." for i in range(12))
    replies = itertools.cycle([AIMessage(content=f"[{model}] {sentences} 这是一个测试回答。")])
    return SlowFakeChatModel(messages=replies)


if __name__ == "__main__":
    agents.chains.chat_model = slow_chat_model  # type: ignore[assignment]
    main()
