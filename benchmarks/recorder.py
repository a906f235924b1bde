"""A stand-in OpenAI server that records the exact request bodies the API sends to the model.

To compare TTFT through `/chat` with TTFT straight to vLLM for "the same prompt", the prompt
must be the one the graph builds (expert system prompt, fact sheet, history); the API is run
once against this recorder, and the recorded bodies are replayed to vLLM.
"""

from __future__ import annotations

import json
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


class Recorder:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    async def completions(self, request: Request) -> StreamingResponse | JSONResponse:
        body = await request.json()
        self.bodies.append(body)

        async def stream() -> AsyncIterator[str]:
            yield _chunk("ok")
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
                        "message": {"role": "assistant", "content": "ok"},
                    }
                ],
            }
        )

    async def models(self, request: Request) -> JSONResponse:
        return JSONResponse({"object": "list", "data": []})


@contextmanager
def recording_server() -> Iterator[tuple[str, Recorder]]:
    """Yields (base URL …/v1, recorder) while a uvicorn thread serves it."""
    recorder = Recorder()
    app = Starlette(
        routes=[
            Route("/v1/chat/completions", recorder.completions, methods=["POST"]),
            Route("/v1/models", recorder.models),
        ]
    )
    port = free_port()
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
