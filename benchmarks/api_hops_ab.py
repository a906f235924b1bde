"""A/B of two per-turn costs before the graph's model call, in one process, sides interleaved.

    nice -n 19 .venv/bin/python -m benchmarks.api_hops_ab --repeats 3 --calls 15

- the per-key rate limit on every request: `limits`' moving window on its memory storage (which
  starts a timer thread per hit and waits for it to run) vs `api.limits.MovingWindow`;
- the route node's routing (the default triage router, real questions): in a worker thread as
  LangGraph runs a sync node vs on the event loop as the async node now does.
Wall ms per call (median per repeat, then median and min-max of the repeats) and the 1-minute
load at each repeat's start: on a busy box the first side is mostly scheduler wait. Writes
benchmarks/results/api_hops_ab.json. For when the APIs cannot be started side by side
(`api_overhead` needs each to start within 120 s).
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from api.limits import RateLimiter
from benchmarks.spread import spread
from benchmarks.suites.agent_stack import messages
from config.settings import Settings
from graph.routing import build_router

RESULTS = Path(__file__).resolve().parent / "results" / "api_hops_ab.json"
GAP_S = 0.03  # requests apart, so `limits`' 10 ms expiry timer has ended (as between turns)


async def timed(call: Callable[[], Any], calls: int) -> float:
    walls = []
    for _ in range(calls):
        await asyncio.sleep(GAP_S)
        start = time.perf_counter()
        result = call()
        if inspect.isawaitable(result):
            await result
        walls.append((time.perf_counter() - start) * 1000)
    return statistics.median(walls)


async def measure(repeats: int, calls: int) -> dict[str, Any]:
    item = RateLimitItemPerMinute(10**6)
    old_limiter = MovingWindowRateLimiter(MemoryStorage())
    new_limiter = RateLimiter(10**6)
    router = build_router(Settings())
    texts = iter(messages(10**4, offset=300))
    loop = asyncio.get_running_loop()

    def turn() -> list[Any]:
        return [HumanMessage(next(texts), id="1")]

    sides: dict[str, Callable[[], Any]] = {
        "rate limit, limits' memory storage": lambda: old_limiter.hit(item, "bench"),
        "rate limit, MovingWindow": lambda: new_limiter.check("bench"),
        "routing in a worker thread": lambda: loop.run_in_executor(None, router.route, turn()),
        "routing on the loop": lambda: router.route(turn()),
    }
    for call in sides.values():  # first-call costs
        await timed(call, 2)
    runs: dict[str, list[float]] = {name: [] for name in sides}
    loads = []
    for repeat in range(repeats):
        loads.append(os.getloadavg()[0])
        order = list(sides) if repeat % 2 == 0 else list(sides)[::-1]
        for name in order:
            runs[name].append(await timed(sides[name], calls))
    return {
        "what": "wall ms per call, median per repeat; sides interleaved, order alternating",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "niceness": os.nice(0),
        "load_1min_per_repeat": loads,
        "calls_per_repeat": calls,
        "sides": {name: spread(values) for name, values in runs.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    result = asyncio.run(measure(args.repeats, args.calls))
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=1), flush=True)


if __name__ == "__main__":
    main()
