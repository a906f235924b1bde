"""Answer with tools: call the model, run the tools it asks for, call it again, a few rounds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.runnables import Runnable
from langchain_core.tools import BaseTool


async def run_tool_call(tools: dict[str, BaseTool], call: dict[str, Any]) -> ToolMessage:
    tool = tools.get(call["name"])
    if tool is None:
        return ToolMessage(
            content=f"Unknown tool {call['name']!r}.", tool_call_id=call["id"], status="error"
        )
    result = await tool.ainvoke(call)  # a ToolCall in, a ToolMessage out
    assert isinstance(result, ToolMessage)
    return result


async def answer_with_tools(
    chain: Runnable,
    system_prompt: str,
    messages: Sequence[BaseMessage],
    tools: Sequence[BaseTool],
    max_rounds: int,
) -> AIMessage:
    """The model's final answer; tool exchanges stay inside this call (not in the thread)."""
    by_name = {t.name: t for t in tools}
    transcript = list(messages)
    reply: AIMessage | None = None
    for _ in range(max_rounds + 1):
        reply = await chain.ainvoke({"system_prompt": system_prompt, "messages": transcript})
        assert isinstance(reply, AIMessage)
        if not reply.tool_calls:
            return reply
        transcript.append(reply)
        for call in reply.tool_calls:
            transcript.append(await run_tool_call(by_name, dict(call)))
    assert reply is not None
    return reply  # still asking for tools after max_rounds: return what it said
