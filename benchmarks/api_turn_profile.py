"""Where the API's milliseconds before the first token go: one process, one thread, profiled.

    nice -n 19 .venv/bin/python -m benchmarks.api_turn_profile --turns 40 --out /tmp/prof

The API app, a stand-in model server that streams at once (`recorder.py`) and the client all
run on one event loop, so a CPU profile (cProfile on each thread's own CPU clock,
`time.thread_time`, which a busy box does not inflate) sees every function the turn calls, ours
and the libraries'. Worker threads (sync graph nodes, SQLite) get a profiler of their own when
they first run Python code; the report adds them all up.
Writes `<out>.txt` (top functions by own and cumulative CPU) and prints the client's TTFT.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import os
import pstats
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from benchmarks.api_overhead import ANSWER
from benchmarks.api_process import free_port
from benchmarks.chat_sse import chat_once
from benchmarks.recorder import Recorder, recorder_app
from benchmarks.stats import percentile
from benchmarks.suites.agent_stack import LIMITS_ENV, messages

KEY = "profile-key"


async def serve(app: Any, port: int) -> uvicorn.Server:
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http="h11")
    )
    asyncio.get_running_loop().create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 (uvicorn offers a flag, no event)
        await asyncio.sleep(0.01)
    return server


async def turns(url: str, texts: list[str]) -> list[float]:
    ttft = []
    async with httpx.AsyncClient(
        base_url=url, headers={"Authorization": f"Bearer {KEY}"}, timeout=120
    ) as client:
        for text in texts:
            record = await chat_once(client, text, time.perf_counter())
            if record.first_token_s is not None:
                ttft.append(record.first_token_s * 1000)
    return ttft


class EveryThread:
    """cProfile is per thread: the loop's own, plus one started in each thread on its first
    profiled event (threads started after `enable`, e.g. the executor's workers that run sync
    nodes; so enable before the warm-up turns and `clear` after them). Threads that were
    already running (aiosqlite's) are not seen."""

    def __init__(self) -> None:
        self.profiles: list[cProfile.Profile] = []

    def _in_new_thread(self, *_: Any) -> None:
        profile = cProfile.Profile(time.thread_time)
        self.profiles.append(profile)
        profile.enable()  # replaces this hook for the thread

    def enable(self) -> None:
        threading.setprofile(self._in_new_thread)
        self._in_new_thread()

    def clear(self) -> None:
        for profile in self.profiles:
            profile.clear()

    def disable(self) -> None:
        threading.setprofile(None)  # type: ignore[arg-type]
        self.profiles[0].disable()  # the loop's; the workers' stop when their threads stop


@dataclass
class Snapshot:
    """What `pstats.Stats.add` reads from a profile: its stats, already made."""

    stats: dict[Any, Any]

    def create_stats(self) -> None:
        return None


@dataclass
class Profiled:
    cprofile: EveryThread
    ttft_ms: list[float]
    cpu_ms_per_turn: float


async def run(args: argparse.Namespace, workdir: Path) -> Profiled:
    model_port = args.port_base or free_port()
    api_port = args.port_base + 1 if args.port_base else free_port()
    os.environ |= {
        **LIMITS_ENV,
        "OPENAI_API_BASE": f"http://127.0.0.1:{model_port}/v1",
        "TG_API_KEYS": json.dumps({"bench": KEY}),
        "TG_DEV_MODE": "false",
        "TG_CHECKPOINT_DB": str(workdir / "threads.sqlite"),
    }
    from api.app import create_app  # after the environment is set
    from config.settings import Settings

    model = await serve(recorder_app(Recorder(ANSWER)), model_port)
    api = await serve(create_app(Settings()), api_port)
    url = f"http://127.0.0.1:{api_port}"
    profiler = EveryThread()
    profiler.enable()  # after start-up (not profiled), before the executor's threads start
    await turns(url, messages(args.warm, offset=900))
    texts = messages(args.turns, offset=500)
    profiler.clear()
    cpu0 = time.process_time()
    ttft = await turns(url, texts)
    profiler.disable()
    cpu = (time.process_time() - cpu0) * 1000 / len(texts)
    api.should_exit = model.should_exit = True
    await asyncio.sleep(0.3)
    return Profiled(profiler, ttft, cpu)


def write(profiled: Profiled, out: str) -> None:
    report = io.StringIO()
    stats = pstats.Stats(stream=report)
    for profile in profiled.cprofile.profiles:
        profile.snapshot_stats()  # a worker's profiler may still be enabled in its thread
        stats.add(Snapshot(profile.stats))  # type: ignore[attr-defined,arg-type]
    stats.sort_stats("cumulative").print_stats(80)
    stats.sort_stats("tottime").print_stats(50)
    Path(f"{out}.txt").write_text(report.getvalue())
    print(
        f"{len(profiled.ttft_ms)} turns: TTFT p50 {percentile(profiled.ttft_ms, 50):.1f} ms, "
        f"CPU {profiled.cpu_ms_per_turn:.1f} ms per turn (API + stand-in + client, one process)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--warm", type=int, default=4)
    parser.add_argument("--out", default="/tmp/api-turn-profile")
    parser.add_argument("--port-base", type=int, help="stand-in on it, the API on the next one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write(asyncio.run(run(args, Path(tmp))), args.out)


if __name__ == "__main__":
    main()
