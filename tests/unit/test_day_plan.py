"""The day-by-day itinerary: its KB skeleton, and the wrapper that streams it day by day."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field

from agents.chains import ExpertAnswerer
from agents.day_by_day import DayByDayChatModel
from agents.day_plan import MAX_DAYS, MAX_SIGHTS_PER_DAY, plan_days, requested_days
from agents.knowledge import load_kb
from agents.models import FakeChatModel
from agents.registry import EXPERTS
from config.settings import Settings


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("帮我规划三天的杭州行程", 3),
        ("周末两天去西安", 2),
        ("重庆3天2晚", 3),
        ("苏州一日游怎么走", 1),
        ("Plan 5 days in Bangkok", 5),
        ("a 3-day Shanghai itinerary", 3),
        ("two days in Kyoto", 2),
        ("a day trip to Nara", 1),
        ("周末去哪玩", 2),
        ("How would you split a short trip to Singapore?", None),
    ],
)
def test_requested_days(text: str, days: int | None) -> None:
    assert requested_days(text) == days


def test_three_days_in_hangzhou_cover_the_highlights_once_each() -> None:
    plan = plan_days(["帮我规划三天的杭州行程"])
    highlights = load_kb().get("hangzhou").data["highlights"]["zh"]  # type: ignore[union-attr]
    assert [d.day for d in plan] == [1, 2, 3]
    assert all(d.days == 3 and d.destination == "杭州" and d.lang == "zh" for d in plan)
    sights = [s for d in plan for s in d.sights]
    assert sights == highlights  # in KB order, none twice, none left out
    assert all(1 <= len(d.sights) <= MAX_SIGHTS_PER_DAY for d in plan)
    assert len({d.heading() for d in plan}) == 3


def test_days_beyond_the_highlights_are_a_food_day_then_free_days() -> None:
    plan = plan_days(["Plan 7 days in Kyoto please"])
    highlights = load_kb().get("kyoto").data["highlights"]["en"]  # type: ignore[union-attr]
    assert len(plan) == 7
    assert [d.sights[0] for d in plan[: len(highlights)]] == highlights
    assert plan[len(highlights)].sights[0].startswith("Local food")
    assert all(d.lang == "en" for d in plan)


def test_a_long_trip_is_capped_and_no_days_asked_takes_the_kb_suggestion() -> None:
    assert len(plan_days(["北京玩十天"])) == MAX_DAYS
    singapore = load_kb().get("singapore")
    assert singapore is not None
    shortest = int(str(singapore.data["suggested_days"]).split("-")[0])
    assert len(plan_days(["How would you split a short trip to Singapore?"])) == shortest


def test_two_destinations_share_the_days_in_the_order_named() -> None:
    plan = plan_days(["北京和上海一共玩五天"])
    assert [d.destination for d in plan] == ["北京", "北京", "北京", "上海", "上海"]


@pytest.mark.parametrize(
    "text", ["第二天能换成西溪湿地吗", "swap day 2 in Hangzhou for the tea villages", "随便聊聊"]
)
def test_no_skeleton_for_a_one_day_revision_or_without_a_destination(text: str) -> None:
    assert plan_days([text]) == ()


class RecordingModel(FakeChatModel):
    """Streams a reply per call and keeps what each call was asked (messages, stop strings)."""

    calls: list[tuple[list[BaseMessage], list[str] | None]] = Field(default_factory=list)

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        self.calls.append((messages, stop))
        n = len(self.calls)
        for piece in ("\n", f"上午：第{n}段。", "\n下午：逛逛。"):
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                usage_metadata={"input_tokens": 100, "output_tokens": 10, "total_tokens": 110},
                response_metadata={"finish_reason": "stop"},
            )
        )


def recording_model() -> RecordingModel:
    return RecordingModel(messages=iter([AIMessage(content="")]))


async def test_the_wrapper_streams_a_heading_then_the_model_for_each_day() -> None:
    plan = plan_days(["帮我规划三天的杭州行程"])
    inner = recording_model()
    model = DayByDayChatModel(inner=inner, plan=plan)
    question = [HumanMessage("帮我规划三天的杭州行程")]
    chunks = [c async for c in model.astream(question)]
    text = "".join(c.text for c in chunks)
    assert len(inner.calls) == 3
    for day, (messages, stop) in zip(plan, inner.calls, strict=True):
        assert messages[-1].text == day.instruction()  # the day's request comes last
        assert messages[:-1] == question
        assert stop == day.stops()
        assert day.heading() in text
    positions = [text.index(d.heading()) for d in plan]
    assert positions == sorted(positions)
    assert text.index("第1段") < positions[1]
    assert positions[1] < text.index("第2段") < positions[2]
    assert "\n\n\n" not in text
    assert len(chunks) > 6, "the answer must stream, not arrive in one piece"
    last = chunks[-1]
    assert last.usage_metadata is not None
    assert last.usage_metadata["output_tokens"] == 30
    assert last.response_metadata["day_finish_reasons"] == ["stop"] * 3


async def test_the_sync_and_async_streams_write_the_same_answer() -> None:
    """One stitcher serves both loops; the sync path (invoke in scripts, evals) must not drift."""
    plan = plan_days(["帮我规划三天的杭州行程"])
    question = [HumanMessage("帮我规划三天的杭州行程")]
    sync_model = DayByDayChatModel(inner=recording_model(), plan=plan)
    async_model = DayByDayChatModel(inner=recording_model(), plan=plan)
    sync_chunks = list(sync_model.stream(question))
    async_chunks = [c async for c in async_model.astream(question)]
    assert [c.text for c in sync_chunks] == [c.text for c in async_chunks]
    assert sync_chunks[-1].usage_metadata == async_chunks[-1].usage_metadata
    invoked = DayByDayChatModel(inner=recording_model(), plan=plan).invoke(question)
    assert invoked.text == "".join(c.text for c in async_chunks)


def test_the_itinerary_expert_plans_days_only_when_it_should(fake_settings: Settings) -> None:
    itinerary, transport = EXPERTS["itinerary"], EXPERTS["transport"]
    question = "帮我规划三天的杭州行程"
    thread = [HumanMessage(question)]
    assert len(itinerary.prepare(thread, [question], fake_settings).days) == 3
    assert transport.prepare(thread, [question], fake_settings).days == ()
    planned = itinerary.prepare(thread, [question], fake_settings).system_prompt
    assert "灵隐寺" not in planned  # each day is handed its own sights, not the whole list
    assert "地铁" in planned  # getting around is still in the sheet
    revision = "第二天换成灵隐寺吧"
    unplanned = itinerary.prepare([HumanMessage(revision)], [revision], fake_settings)
    assert "灵隐寺与飞来峰" in unplanned.system_prompt  # a revision sees the highlights
    off = fake_settings.updated(graph={"kb_grounding": False})
    assert itinerary.prepare(thread, [question], off).days == ()


async def test_a_planned_itinerary_is_streamed_through_the_guard(fake_settings: Settings) -> None:
    expert = EXPERTS["itinerary"]
    question = "帮我规划三天的杭州行程"
    prepared = expert.prepare([HumanMessage(question)], [question], fake_settings)
    answerer = ExpertAnswerer.build(expert, fake_settings)
    chain = answerer.chain(prepared, [question], lambda *_: None)
    inputs = {"system_prompt": prepared.system_prompt, "messages": prepared.history}
    text = "".join([c.text async for c in chain.astream(inputs)])
    for day in prepared.days:
        assert day.heading() in text
    assert text.count("scripted answer") == 3  # the fake model wrote each day once


class DeadModel(FakeChatModel):
    """A model server that refuses every call before sending anything."""

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        raise ConnectionError("model server down")


async def test_a_dead_model_streams_nothing_not_even_the_headings() -> None:
    plan = plan_days(["帮我规划三天的杭州行程"])
    model = DayByDayChatModel(inner=DeadModel(messages=iter([])), plan=plan)
    seen: list[str] = []

    async def read() -> None:
        async for chunk in model.astream([HumanMessage("帮我规划三天的杭州行程")]):
            seen.append(chunk.text)

    with pytest.raises(ConnectionError):
        await read()
    assert "".join(seen) == ""
