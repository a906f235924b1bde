"""GuardedChatModel over the project's FakeChatModel, alone and inside a tiny LangGraph graph."""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator
from typing import Annotated, Any, TypedDict

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGenerationChunk
from langgraph.config import get_stream_writer
from langgraph.graph import END, START, StateGraph

from agents.chains import ExpertAnswerer
from agents.guard import Block, GuardContext, GuardedChatModel
from agents.models import FakeChatModel
from agents.registry import EXPERTS
from config.settings import Settings
from graph.events import GuardEvent

SAFE = "Cool the skin with a damp towel. Drink plenty of water.\n- Stay in the shade."
HAZARDOUS = (
    "Cool the skin with a damp towel. Apply clotrimazole twice a day. "
    "Drink water. Then rub in some ketoconazole cream."
)
SUNBURN = GuardContext("en", frozenset({"antifungal"}))
QUESTION = [HumanMessage("I got sunburnt, what do I do?")]


def fake(text: str) -> FakeChatModel:
    return FakeChatModel(messages=itertools.repeat(AIMessage(content=text)))


class MeteredFake(FakeChatModel):
    """Streams like a served model: usage and finish reason arrive on a final empty chunk."""

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for chunk in super()._stream(messages, stop, run_manager, **kwargs):
            chunk.message.chunk_position = None  # type: ignore[attr-defined]
            yield chunk
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                response_metadata={"finish_reason": "stop", "model_name": "medical-expert"},
                usage_metadata={"input_tokens": 12, "output_tokens": 30, "total_tokens": 42},
                chunk_position="last",
            )
        )


def guarded(text: str, blocks: list[Block] | None = None) -> GuardedChatModel:
    on_block = blocks.append if blocks is not None else None
    return GuardedChatModel(inner=fake(text), context=SUNBURN, on_block=on_block)


def test_safe_text_streams_unchanged_sentence_by_sentence() -> None:
    chunks = [str(c.content) for c in guarded(SAFE).stream(QUESTION)]
    assert "".join(chunks) == SAFE
    assert [c for c in chunks if c] == [
        "Cool the skin with a damp towel. ",
        "Drink plenty of water.\n",
        "- Stay in the shade.",
    ]


def test_a_hazardous_sentence_never_streams_and_is_not_kept() -> None:
    blocks: list[Block] = []
    model = guarded(HAZARDOUS, blocks)
    chunks = [str(c.content) for c in model.stream(QUESTION)]
    assert not any("clotrimazole" in c or "ketoconazole" in c for c in chunks)
    final = model.invoke(QUESTION)
    assert final.content == (
        "Cool the skin with a damp towel. "
        "An antifungal cream is not the right treatment for this. Drink water. "
    )
    assert final.content == "".join(chunks)
    # one block per blocked sentence, per call: two calls, two blocked sentences each
    assert [b.tag for b in blocks] == ["antifungal"] * 4
    assert [b.replacement for b in blocks[:2]] == [
        "An antifungal cream is not the right treatment for this. ",
        "",  # the same safe line is not repeated: the sentence is dropped
    ]


async def test_async_streaming_guards_the_same_way() -> None:
    blocks: list[Block] = []
    model = guarded(HAZARDOUS, blocks)
    chunks = [str(c.content) async for c in model.astream(QUESTION)]
    final = await model.ainvoke(QUESTION)
    assert "".join(chunks) == final.content
    assert "clotrimazole" not in str(final.content)
    assert len(blocks) == 4


def test_the_inner_models_metadata_rides_on_the_last_chunk() -> None:
    model = GuardedChatModel(
        inner=MeteredFake(messages=itertools.repeat(AIMessage(content=HAZARDOUS))),
        context=SUNBURN,
    )
    chunks = list(model.stream(QUESTION))
    assert chunks[-1].chunk_position == "last"
    assert chunks[-1].response_metadata["finish_reason"] == "stop"
    final = model.invoke(QUESTION)
    assert final.response_metadata["finish_reason"] == "stop"
    assert final.usage_metadata is not None
    assert final.usage_metadata["total_tokens"] == 42


def test_tool_calls_pass_through_and_tools_bind_to_the_inner_model() -> None:
    call = {"name": "weather", "args": {"city": "Bangkok"}, "id": "call_1"}
    inner = FakeChatModel(messages=itertools.repeat(AIMessage(content="", tool_calls=[call])))
    model = GuardedChatModel(inner=inner, context=SUNBURN).bind_tools([])
    assert isinstance(model, GuardedChatModel)
    reply = model.invoke(QUESTION)
    assert isinstance(reply, AIMessage)
    assert [c["name"] for c in reply.tool_calls] == ["weather"]


# ---- inside LangGraph: only guarded text reaches the `messages` stream ----


class State(TypedDict):
    messages: Annotated[list[BaseMessage], operator.add]


def one_node_graph(inner: FakeChatModel) -> Any:
    async def answer(state: State) -> dict[str, Any]:
        writer = get_stream_writer()
        model = GuardedChatModel(
            inner=inner,
            context=SUNBURN,
            on_block=lambda b: writer(GuardEvent.from_block(b, "medical").model_dump()),
        )
        return {"messages": [await model.ainvoke(state["messages"])]}

    builder = StateGraph(State)
    builder.add_node("answer", answer)
    builder.add_edge(START, "answer")
    builder.add_edge("answer", END)
    return builder.compile()


async def run(graph: Any) -> tuple[list[AIMessageChunk], list[dict[str, Any]], dict[str, Any]]:
    streamed: list[AIMessageChunk] = []
    custom: list[dict[str, Any]] = []
    final: dict[str, Any] = {}
    async for mode, payload in graph.astream(
        {"messages": QUESTION}, stream_mode=["messages", "custom", "values"]
    ):
        if mode == "messages":
            streamed.append(payload[0])
        elif mode == "custom":
            custom.append(payload)
        else:
            final = payload
    return streamed, custom, final


async def test_graph_messages_stream_carries_only_guarded_text() -> None:
    streamed, custom, final = await run(one_node_graph(fake(HAZARDOUS)))
    text = "".join(str(m.content) for m in streamed)
    reply = final["messages"][-1]
    assert "clotrimazole" not in text
    assert "ketoconazole" not in text
    # each released sentence exactly once: the inner model's raw tokens were not streamed too
    assert text == reply.content
    assert {m.id for m in streamed} == {reply.id}
    assert custom == [
        {
            "type": "guard",
            "tag": "antifungal",
            "tags": ["antifungal"],
            "expert": "medical",
            "replaced": "An antifungal cream is not the right treatment for this. ",
        },
        {
            "type": "guard",
            "tag": "antifungal",
            "tags": ["antifungal"],
            "expert": "medical",
            "replaced": "",  # the second antifungal sentence: dropped, the safe line was shown
        },
    ]


async def test_graph_safe_answer_streams_once_and_unchanged() -> None:
    streamed, custom, final = await run(one_node_graph(fake(SAFE)))
    assert "".join(str(m.content) for m in streamed) == SAFE == final["messages"][-1].content
    assert custom == []


CLAUSED = (
    "After a long flight, if your skin is peeling, rub in some ketoconazole cream. Drink water."
)


async def test_graph_streams_clauses_before_a_blocked_sentence_ends() -> None:
    """The first clauses (no hazard word in them) stream before the sentence is judged; the
    safe line replaces the rest, and the event carries only what replaced it."""
    streamed, custom, final = await run(one_node_graph(fake(CLAUSED)))
    pieces = [str(m.content) for m in streamed if m.content]
    assert pieces[:2] == ["After a long flight, ", "if your skin is peeling, "]
    text = "".join(pieces)
    assert "ketoconazole" not in text
    assert (
        text
        == final["messages"][-1].content
        == (
            "After a long flight, if your skin is peeling, "
            "An antifungal cream is not the right treatment for this. Drink water."
        )
    )
    assert [c["replaced"] for c in custom] == [
        "An antifungal cream is not the right treatment for this. "
    ]


async def test_word_release_streams_whole_words_before_the_first_clause_ends() -> None:
    model = GuardedChatModel(inner=fake(CLAUSED), context=SUNBURN, release="word")
    pieces = [str(c.content) async for c in model.astream(QUESTION) if c.content]
    assert pieces[0] == "After "  # not the whole "After a long flight, " clause
    text = "".join(pieces)
    assert "ketoconazole" not in text
    assert text.endswith("An antifungal cream is not the right treatment for this. Drink water.")


def test_the_guard_release_setting_reaches_the_gate(fake_settings: Settings) -> None:
    expert = EXPERTS["transport"]  # travel experts are guarded too
    question = "How do I get from Hangzhou to Shanghai?"
    for settings, want in (
        (fake_settings, "token"),
        (fake_settings.updated(graph={"guard_release": "word"}), "word"),
        (fake_settings.updated(graph={"guard_release": "clause"}), "clause"),
    ):
        prepared = expert.prepare([HumanMessage(question)], [question], settings)
        chain = ExpertAnswerer.build(expert, settings).chain(prepared, [question], print)
        assert chain.bound.last.release == want  # type: ignore[attr-defined]
