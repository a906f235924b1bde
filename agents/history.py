"""What of the thread an expert sees: this turn's question and as much history as fits.

Token counts are estimated without a tokenizer: Qwen spends about one token per Chinese
character and one per ~4 characters of other text, plus a few per message for the chat
template. The budget is the model's context window minus the answer and the system prompt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import AnyMessage, BaseMessage, HumanMessage
from langchain_core.messages.utils import trim_messages

from config.settings import Settings

CJK = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]")
PER_MESSAGE = 4
SAFETY_MARGIN = 64


def text_tokens(text: str) -> int:
    cjk = len(CJK.findall(text))
    return cjk + (len(text) - cjk + 3) // 4


def count_tokens(messages: Sequence[BaseMessage]) -> int:
    return sum(PER_MESSAGE + text_tokens(str(m.content)) for m in messages)


def history_budget(settings: Settings, system_prompt: str) -> int:
    room = settings.context_tokens - settings.llm.max_tokens - text_tokens(system_prompt)
    return max(0, min(settings.graph.history_max_tokens, room - SAFETY_MARGIN))


def up_to_current_turn(messages: Sequence[BaseMessage]) -> list[BaseMessage]:
    """The thread up to and including the latest user turn (not this turn's other answers)."""
    for i in range(len(messages) - 1, -1, -1):
        if isinstance(messages[i], HumanMessage):
            return list(messages[: i + 1])
    return list(messages)


def history_for_model(messages: Sequence[BaseMessage], max_tokens: int) -> list[BaseMessage]:
    """The latest turns that fit the budget, starting on a user turn.

    A single user turn longer than the budget is cut in the middle (its start and its question
    at the end are kept) rather than dropped.
    """
    kept = trim_messages(
        list(messages),
        max_tokens=max_tokens,
        token_counter=count_tokens,
        strategy="last",
        start_on="human",
        allow_partial=False,
    )
    if kept or not messages:
        return kept
    last = messages[-1]
    text = str(last.content)
    while text and text_tokens(text) + PER_MESSAGE > max_tokens:
        half = len(text) // 2
        text = text[: half // 2] + " … " + text[-(half // 2) :] if half > 8 else ""
    return [last.model_copy(update={"content": text})] if text else []


def text_of(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(c if isinstance(c, str) else str(c.get("text", "")) for c in content)


def last_user_text(messages: Sequence[AnyMessage]) -> str:
    for m in reversed(messages):
        if isinstance(m, HumanMessage):
            return text_of(m)
    return ""


def user_texts(messages: Sequence[BaseMessage]) -> list[str]:
    return [text_of(m) for m in messages if isinstance(m, HumanMessage)]
