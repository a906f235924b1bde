"""Where the wall-clock milliseconds between `POST /chat` arriving and the first token leaving go.

    nice -n 19 .venv/bin/python -m benchmarks.api_turn_timeline --turns 30 --port-base 8518

The API app runs in this process (uvicorn on the main loop), the stand-in model server
(`recorder.py`) in a thread, the client on the main loop too. Marks are taken with one clock at
the points a turn passes: the request reaching the app, admission done, the run journal's row
and the user message written, each graph node starting and ending (a LangChain callback
handler on the run's config), the model request reaching the stand-in, the first answer chunk
reaching the run, its SSE frame, and the client reading it. Reports the median of each step
over the turns that called the model (and, apart, of those that did not), and writes every
turn's marks as JSON. The marks cost a little themselves (a callback per token).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from langchain_core.callbacks import AsyncCallbackHandler

from benchmarks.api_overhead import ANSWER
from benchmarks.api_process import free_port
from benchmarks.api_turn_profile import KEY, serve
from benchmarks.chat_sse import chat_once
from benchmarks.recorder import Recorder, recording_server
from benchmarks.suites.agent_stack import LIMITS_ENV, messages

Marks = dict[str, float]


class Timeline:
    """The marks of the turn in flight (turns run one at a time)."""

    def __init__(self) -> None:
        self.turns: list[Marks] = []
        self.marks: Marks = {}

    def mark(self, name: str) -> None:
        self.marks.setdefault(name, time.perf_counter())

    def next_turn(self) -> None:
        self.marks = {}
        self.turns.append(self.marks)


class NodeMarks(AsyncCallbackHandler):
    """Start and end of each graph node (LangGraph names a node's run after the node)."""

    def __init__(self, timeline: Timeline, nodes: set[str]) -> None:
        self.timeline = timeline
        self.nodes = nodes
        self.names: dict[UUID, str] = {}

    async def on_chain_start(
        self, serialized: Any, inputs: Any, *, run_id: UUID, **kwargs: Any
    ) -> None:
        name = kwargs.get("name") or ""
        if name in self.nodes:
            self.names[run_id] = name
            self.timeline.mark(f"node {name} start")

    async def on_chain_end(self, outputs: Any, *, run_id: UUID, **kwargs: Any) -> None:
        if (name := self.names.pop(run_id, None)) is not None:
            self.timeline.mark(f"node {name} end")


def wrap_async(owner: Any, attr: str, before: str | None, after: str, timeline: Timeline) -> None:
    inner = getattr(owner, attr)

    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        if before:
            timeline.mark(before)
        result = await inner(*args, **kwargs)
        timeline.mark(after)
        return result

    setattr(owner, attr, wrapped)


def instrument(timeline: Timeline, graph_nodes: set[str]) -> Callable[[Any], Any]:
    """Patch the marks in; returns a wrapper for the ASGI app (the request's arrival)."""
    import api.chat_service
    import api.run_journal
    import api.streaming

    handler = NodeMarks(timeline, graph_nodes)
    thread_config = api.streaming.thread_config

    def config_with_marks(*args: Any, **kwargs: Any) -> Any:
        config = thread_config(*args, **kwargs)
        config["callbacks"] = [handler]
        return config

    api.streaming.thread_config = config_with_marks  # type: ignore[assignment]
    wrap_async(api.chat_service.ChatService, "start", "admission start", "admitted", timeline)
    wrap_async(api.run_journal.RunJournal, "opened", None, "journal row written", timeline)
    wrap_async(api.streaming.ChatRun, "_save_turn", "save start", "user message saved", timeline)
    on_stream = api.streaming.ChatRun._on_stream

    def on_stream_marked(self: Any, mode: str, payload: Any, emit: Any) -> None:
        if mode == "messages" and payload[0].content:
            timeline.mark("first token in the run")
        on_stream(self, mode, payload, emit)

    api.streaming.ChatRun._on_stream = on_stream_marked  # type: ignore[method-assign]
    sse_frame = api.streaming.sse_frame

    def sse_frame_marked(event: Any) -> Any:
        if event[0] == "messages" and event[1][0].get("content"):
            timeline.mark("first token framed")
        return sse_frame(event)

    api.streaming.sse_frame = sse_frame_marked

    def asgi(app: Any) -> Any:
        async def marked(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http" and scope["path"] == "/chat":
                timeline.mark("request at the app")
            await app(scope, receive, send)

        return marked

    return asgi


async def run(args: argparse.Namespace, workdir: Path) -> Timeline:
    model_port = args.port_base or free_port()
    api_port = args.port_base + 1 if args.port_base else free_port()
    timeline = Timeline()
    completions = Recorder.completions

    async def completions_marked(self: Recorder, request: Any) -> Any:
        timeline.mark("model request at the stand-in")
        return await completions(self, request)

    Recorder.completions = completions_marked  # type: ignore[method-assign]
    with recording_server(ANSWER, model_port) as (model_url, _):
        os.environ |= {
            **LIMITS_ENV,
            "OPENAI_API_BASE": model_url,
            "TG_API_KEYS": json.dumps({"bench": KEY}),
            "TG_DEV_MODE": "false",
            "TG_LOG_LEVEL": "WARNING",
            "TG_CHECKPOINT_DB": str(workdir / "threads.sqlite"),
        }
        from api.app import create_app  # after the environment is set
        from config.settings import Settings

        nodes = {"safety", "route", "merge", "emergency", "out_of_scope", "travel", "medical"}
        from agents.registry import EXPERTS

        asgi = instrument(timeline, nodes | set(EXPERTS))
        app = create_app(Settings())
        api = await serve(asgi(app), api_port)
        url = f"http://127.0.0.1:{api_port}"
        async with httpx.AsyncClient(
            base_url=url, headers={"Authorization": f"Bearer {KEY}"}, timeout=120
        ) as client:
            for text in messages(args.warm, offset=900):
                timeline.next_turn()
                await chat_once(client, text, time.perf_counter())
            timeline.turns.clear()
            for text in messages(args.turns, offset=500):
                timeline.next_turn()
                timeline.mark("client sends")
                record = await chat_once(client, text, time.perf_counter())
                if record.first_token_s is not None:
                    timeline.marks["client reads the first token"] = (
                        timeline.marks["client sends"] + record.first_token_s
                    )
        api.should_exit = True
        await asyncio.sleep(0.3)
    return timeline


def report(timeline: Timeline) -> str:
    lines = []
    for label, turns in (
        ("model turns", [t for t in timeline.turns if "model request at the stand-in" in t]),
        ("no-model turns", [t for t in timeline.turns if "model request at the stand-in" not in t]),
    ):
        lines.append(f"{label}: {len(turns)}")
        if not turns:
            continue
        order: dict[str, list[float]] = {}
        for t in turns:
            zero = t["request at the app"]
            for name, at in sorted(t.items(), key=lambda kv: kv[1]):
                order.setdefault(name, []).append((at - zero) * 1000)
        for name, values in sorted(order.items(), key=lambda kv: statistics.median(kv[1])):
            lines.append(
                f"  {statistics.median(values):8.1f} ms  (n={len(values):2d}, "
                f"min {min(values):7.1f}, max {max(values):7.1f})  {name}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--port-base", type=int, help="stand-in on it, the API on the next one")
    parser.add_argument("--out", default="/tmp/api-turn-timeline.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        timeline = asyncio.run(run(args, Path(tmp)))
    Path(args.out).write_text(json.dumps(timeline.turns, indent=1) + "\n")
    print(report(timeline), flush=True)


if __name__ == "__main__":
    main()
