"""A stand-in OpenAI server that records the exact request bodies the API sends to the model.

To compare TTFT through `/chat` with TTFT straight to vLLM for "the same prompt", the prompt
must be the one the graph builds (expert system prompt, fact sheet, history); the API is run
once against this recorder, and the recorded bodies are replayed to vLLM.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

from benchmarks.api_process import free_port


def _chunk(content: str) -> str:
    choice = {"index": 0, "delta": {"content": content}, "finish_reason": None}
    data = {"id": "rec", "object": "chat.completion.chunk", "created": 0, "model": "rec"}
    data["choices"] = [choice]
    return f"data: {json.dumps(data)}\n\n"


def pieces(text: str) -> list[str]:
    """Token-sized pieces of an answer: a word with its following space, or one CJK character."""
    return re.findall(r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+\s*|\s+", text)


class Recorder:
    """Answers every request at once; `answer` streams as many chunks as it has pieces, the
    first after `ttft_s` and each next one `tpot_s` later (0: all at once), like a model that
    decodes at a fixed rate."""

    def __init__(self, answer: str = "ok", ttft_s: float = 0.0, tpot_s: float = 0.0) -> None:
        self.bodies: list[dict[str, Any]] = []
        self.answer = answer
        self.ttft_s = ttft_s
        self.tpot_s = tpot_s

    async def completions(self, request: Request) -> StreamingResponse | JSONResponse:
        body = await request.json()
        self.bodies.append(body)

        async def stream() -> AsyncIterator[str]:
            for i, piece in enumerate(pieces(self.answer)):
                if delay := (self.tpot_s if i else self.ttft_s):
                    await asyncio.sleep(delay)
                yield _chunk(piece)
            yield "data: [DONE]\n\n"

        if body.get("stream"):
            return StreamingResponse(stream(), media_type="text/event-stream")
        return JSONResponse(
            {
                "id": "rec",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": self.answer},
                    }
                ],
            }
        )

    async def models(self, request: Request) -> JSONResponse:
        return JSONResponse({"object": "list", "data": []})


def recorder_app(recorder: Recorder) -> Starlette:
    return Starlette(
        routes=[
            Route("/v1/chat/completions", recorder.completions, methods=["POST"]),
            Route("/v1/models", recorder.models),
        ]
    )


@contextmanager
def recording_server(
    answer: str = "ok", port: int | None = None, ttft_s: float = 0.0, tpot_s: float = 0.0
) -> Iterator[tuple[str, Recorder]]:
    """Yields (base URL …/v1, recorder) while a uvicorn thread serves it (on `port`, if given)."""
    recorder = Recorder(answer, ttft_s, tpot_s)
    app = recorder_app(recorder)
    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/v1", recorder
    finally:
        server.should_exit = True
        thread.join(timeout=10)
