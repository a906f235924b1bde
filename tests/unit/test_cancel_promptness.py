"""A cancel ends the reply at once, even when the model's next token arrives with it.

CI once saw POST /threads/{id}/cancel answer 202 and the stream stay open for more than 10 s
(tests/integration/test_api_e2e.py, vLLM on 2 busy cores). The cause: langchain-openai waited
for each chunk with `asyncio.wait_for`, which on Python 3.11 swallows a cancel that lands as a
chunk arrives (CPython gh-86296); LangGraph cancels a node once and then waits for it, so the
reply went on until the model had finished it, the model server still generating.

These tests use the real chat model of the factory (ChatOpenAI) and the real service, graph and
guard, against an OpenAI-compatible upstream in the test's own event loop that sends a token
only when told. That places the model's next token a chosen number of loop turns after the
cancel: with the old client the turns 1-3 kept the stream open, every one, every time.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import httpx2
import openai
import pytest
from langchain_openai import ChatOpenAI, StreamChunkTimeoutError

import agents.models
from api.app import create_app
from api.chat_service import ChatService
from api.streaming import ChatRun, Event, classify_failure
from api.thread_store import thread_history
from config.settings import Settings
from tests.unit.conftest import keyed

UPSTREAM = "http://upstream.test/v1"
MODEL_CALL = "第二天想去逛街购物，杭州"  # one model call: a one-day revision with no KB plan
TURNS_AFTER_CANCEL = range(8)  # where the next token lands, in event-loop turns after the cancel
PROMPT_S = 2.0  # the end-to-end test allows 5 s on a real vLLM


def sse_chunk(text: str, finish_reason: str | None = None) -> bytes:
    data = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "test",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(data)}\n\n".encode()


class Reply(httpx2.AsyncByteStream):
    """One streamed completion: a token each time `send` is called, the end on `finish`."""

    def __init__(self) -> None:
        self.tokens: asyncio.Queue[str | None] = asyncio.Queue()
        self.closed = False  # the client dropped the request (vLLM then aborts it)

    def send(self, text: str) -> None:
        self.tokens.put_nowait(text)

    def finish(self) -> None:
        self.tokens.put_nowait(None)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        while (text := await self.tokens.get()) is not None:
            yield sse_chunk(text)
        yield sse_chunk("", "stop")
        yield b"data: [DONE]\n\n"

    async def aclose(self) -> None:
        self.closed = True


class Upstream:
    """The model server: each request is a `Reply` the test drives; once `finish_all` was
    called every reply, open or still to come, ends at once."""

    def __init__(self) -> None:
        self.replies: asyncio.Queue[Reply] = asyncio.Queue()
        self.opened: list[Reply] = []
        self.finished = False

    def handle(self, request: httpx2.Request) -> httpx2.Response:
        reply = Reply()
        if self.finished:
            reply.finish()
        self.opened.append(reply)
        self.replies.put_nowait(reply)
        return httpx2.Response(200, headers={"content-type": "text/event-stream"}, stream=reply)

    def finish_all(self) -> None:
        self.finished = True
        for reply in self.opened:
            reply.finish()


@pytest.fixture
def upstream(monkeypatch: pytest.MonkeyPatch) -> Upstream:
    """Every chat model the factory builds talks to this upstream (the factory is unchanged)."""
    server = Upstream()
    client = httpx2.AsyncClient(transport=httpx2.MockTransport(server.handle))
    monkeypatch.setattr(agents.models, "ChatOpenAI", partial(ChatOpenAI, http_async_client=client))
    return server


def streamed_text(events: list[Event]) -> str:
    return "".join(data[0]["content"] for name, data in events if name == "messages")


class Client:
    """Reads a run's events as the SSE route does, noting when the first token has come."""

    def __init__(self, run: ChatRun) -> None:
        self.events: list[Event] = []
        self.first_token = asyncio.Event()
        self.done = asyncio.create_task(self._read(run))

    async def _read(self, run: ChatRun) -> None:
        async for event in run.events():
            self.events.append(event)
            if streamed_text(self.events):
                self.first_token.set()


async def cancel_then_token(service: ChatService, upstream: Upstream, turns: int) -> Client:
    """Start a reply, cancel it after its first token, and let the model's next token arrive
    `turns` event-loop turns after the cancel."""
    run = await service.start("alice", MODEL_CALL)
    client = Client(run)
    reply = await asyncio.wait_for(upstream.replies.get(), 30)
    reply.send("Word one. ")
    await asyncio.wait_for(client.first_token.wait(), 30)
    await service.cancel("alice", run.thread_id)
    for _ in range(turns):
        await asyncio.sleep(0)
    reply.send("Word two. ")
    return client


async def test_a_cancel_ends_the_reply_at_once_when_a_token_arrives_with_it(
    tmp_path: Path, upstream: Upstream
) -> None:
    settings = keyed(tmp_path, llm={"backend": "openai", "openai_api_base": UPSTREAM})
    app = create_app(settings)
    stayed_open: list[int] = []
    async with app.router.lifespan_context(app):
        service: ChatService = app.state.chat_service
        for turns in TURNS_AFTER_CANCEL:
            client = await cancel_then_token(service, upstream, turns)
            cancelled_at = time.monotonic()
            try:
                async with asyncio.timeout(PROMPT_S):
                    await asyncio.shield(client.done)
            except TimeoutError:
                stayed_open.append(turns)
                upstream.finish_all()  # let the reply end so the next case starts clean
                await client.done
                upstream.finished = False
                continue
            assert time.monotonic() - cancelled_at < PROMPT_S
            events = client.events
            assert [name for name, _ in events][-2:] == ["error", "end"], turns
            assert events[-2][1]["error"] == "cancelled"
            assert upstream.opened[-1].closed, "the request to the model server was not dropped"
            thread_id = events[0][1]["thread_id"]
            history = await thread_history(app.state.graph, thread_id, "alice", settings)
            assert [m.role for m in history] == ["user", "assistant"]
            assert history[-1].incomplete is True
            assert history[-1].content == streamed_text(events)
            assert history[-1].content.strip()
        assert len(service.runs) == 0
        assert service.slots.in_use == 0
    assert stayed_open == [], f"stream open {PROMPT_S}s after the cancel at turns {stayed_open}"


async def serve_then_stall(chunks: list[bytes]) -> tuple[asyncio.Server, str]:
    """A model server that answers with headers and `chunks`, then sends nothing more (as vLLM
    does while it prefills, or when it hangs mid-reply)."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        head = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n"
        writer.write(f"{head}transfer-encoding: chunked\r\n\r\n".encode())
        for chunk in chunks:
            writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        await writer.drain()
        await reader.read()  # nothing more until the client hangs up
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/v1"


@pytest.mark.parametrize(
    "chunks", [[], [sse_chunk("Word one. ")]], ids=["before-the-first-token", "mid-reply"]
)
async def test_the_one_timeout_still_bounds_a_stalled_model_server(chunks: list[bytes]) -> None:
    """With langchain-openai's chunk timeout off, the client's read timeout (the same setting)
    still bounds the wait for the first token and for each one after it: an llm_timeout."""
    server, base = await serve_then_stall(chunks)
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        llm={"openai_api_base": base, "timeout_s": 0.5},
    )
    model = agents.models.chat_model(settings, "m", 0.1)
    started = time.monotonic()
    try:
        with pytest.raises((openai.APITimeoutError, StreamChunkTimeoutError)) as stalled:
            await model.ainvoke("hi")
    finally:
        server.close()
    assert time.monotonic() - started < 5
    assert classify_failure(stalled.value)[0] == "llm_timeout"
