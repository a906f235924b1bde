"""Helpers for the API unit tests: keyed settings, a slow fake model, an in-process server."""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import socket
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx_sse import connect_sse
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.outputs import ChatGenerationChunk
from langchain_openai import StreamChunkTimeoutError

from api.server import uvicorn_config
from config.settings import Settings

KEYS = {"alice": "alice-key-0123456789", "bob": "bob-key-9876543210"}
ALICE = {"Authorization": f"Bearer {KEYS['alice']}"}
BOB = {"Authorization": f"Bearer {KEYS['bob']}"}
# One short sentence per word: guarded experts release text sentence by sentence.
# The first start imports the graph's modules in the server thread: slow on a busy 2-core box.
START_TIMEOUT_S = 120
LONG_ANSWER = " ".join(f"Word {i}." for i in range(100))


class SlowFakeChatModel(GenericFakeChatModel):
    """Streams a long answer one word every `delay` seconds, like a slow model server."""

    delay: float = 0.05
    started: Any = None  # a threading.Event set once a few chunks are out: the answer is under way

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        sent = 0
        async for chunk in super()._astream(*args, **kwargs):
            await asyncio.sleep(self.delay)
            yield chunk
            sent += 1
            if self.started is not None and sent == 3:
                self.started.set()


def slow_model_factory(delay: float = 0.02, started: threading.Event | None = None) -> Any:
    def factory(settings: Any, model: str, temperature: float, **_: Any) -> SlowFakeChatModel:
        replies = itertools.cycle([AIMessage(content=f"[{model}] {LONG_ANSWER}")])
        return SlowFakeChatModel(messages=replies, delay=delay, started=started)

    return factory


def post_and_leave(url: str, path: str, body: dict, headers: dict, leave: threading.Event) -> None:
    """POST on a raw socket and close it once `leave` is set: a caller that goes away at a
    known point of the run (a read timeout leaves wherever the run is on a loaded box)."""
    host, port = url.removeprefix("http://").split(":")
    data = json.dumps(body).encode()
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", "Content-Type: application/json"]
    lines += [f"Content-Length: {len(data)}", *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall("\r\n".join([*lines, "", ""]).encode() + data)
        assert leave.wait(30), "the run never reached the model"


def sse(client: httpx.Client, body: dict, headers: dict | None = None) -> list[tuple[str, Any]]:
    with connect_sse(
        client, "POST", "/chat", json=body, headers=ALICE if headers is None else headers
    ) as source:
        assert source.response.status_code == 200, source.response.read()
        assert source.response.headers["content-type"].startswith("text/event-stream")
        return [(e.event, json.loads(e.data)) for e in source.iter_sse() if e.data]


def is_ping(event: Any) -> bool:
    """httpx-sse reports a `: ping` comment as an empty `message` event once ids are in use."""
    return not event.data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI, settings: Settings | None = None) -> Iterator[str]:
    """Run the app under a real uvicorn in a thread (real sockets, real disconnects); with
    `settings`, configured as `python -m api` configures it (api/server.py)."""
    port = free_port()
    if settings is None:
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on")
    else:
        config = uvicorn_config(app, settings, host="127.0.0.1", port=port, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def loopback_client(app: FastAPI) -> TestClient:
    """A TestClient that looks like a loopback caller on a loopback Host (dev mode serves
    nothing else)."""
    return TestClient(app, base_url="http://127.0.0.1:8080", client=("127.0.0.1", 50000))


class StallingFakeChatModel(SlowFakeChatModel):
    """Streams a few words, then stops like a hung model server whose client timeout fired."""

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        sent = 0
        async for chunk in super()._astream(*args, **kwargs):
            if sent == 3:
                raise StreamChunkTimeoutError(0.1, model_name="stalled", chunks_received=sent)
            sent += 1
            yield chunk


def stalling_model_factory() -> Any:
    def factory(settings: Any, model: str, temperature: float, **_: Any) -> StallingFakeChatModel:
        return StallingFakeChatModel(messages=iter([AIMessage(content=LONG_ANSWER)]), delay=0.01)

    return factory


def refused_unsaved(status: int, text: str) -> bool:
    """A write slower than STORE_TIMEOUT_S (a loaded box) is refused before any 200: the
    client was told, nothing was taken (a write that landed just after its timeout leaves the
    question in the thread, which the race checks allow as an extra, never as a loss)."""
    return status == 503 and "store_unavailable" in text


def slow_some_writes(app: FastAPI, share: float, seconds: float, seed: int = 5) -> None:
    """As on a loaded box: this share of turns' first writes outlasts STORE_TIMEOUT_S."""
    journal = app.state.journal
    opened_with = journal.opened_with
    rng = random.Random(seed)

    async def slow(run_id: str, thread_id: str, owner: str, write: Any) -> None:
        if rng.random() < share:
            await asyncio.sleep(seconds)
        await opened_with(run_id, thread_id, owner, write)

    journal.opened_with = slow
