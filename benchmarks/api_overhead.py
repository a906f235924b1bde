"""The API's own TTFT overhead with the model taken out, before vs after a change, side by side.

    nice -n 19 .venv/bin/python -m benchmarks.api_overhead \\
        --side before=/work/checkout-of-main --side after=. --repeats 3

The definition is the agent suite's (issue 6): TTFT through `POST /chat` minus TTFT of the
identical request body sent straight to the model server. Here the model server is a stand-in
(`recorder.py`) that streams a fixed answer at once, so what is left is ours: HTTP, auth,
admission, the durable write of the user message, the graph up to the model call, the model
client, the response guard's first release, SSE. Each side is the real API (`python -m api`)
started from its own checkout, both on the same stand-in; every question goes to each side in
turn (order alternating per question and per repeat), and each API turn is followed by the
replay of the body it sent. Turns that never reach the model (the card-led doctor, fixed
replies) have no pair and are counted apart (`--model-turns-only` leaves them out). Beside the
latency, each repeat records the API process's CPU per turn (all threads, /proc), which CPU
contention on a shared box does not inflate, and the 1-minute load at its start and end.
Results: benchmarks/results/api_overhead.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from benchmarks.api_process import RunningApi, cpu_s, running_api
from benchmarks.chat_sse import chat_once
from benchmarks.openai_stream import stream_once
from benchmarks.progress import Progress
from benchmarks.recorder import Recorder, recording_server
from benchmarks.spread import spread
from benchmarks.stats import percentile
from benchmarks.suites.agent_stack import LIMITS_ENV, messages

RESULTS = Path(__file__).resolve().parent / "results" / "api_overhead.json"
# Opens with a short clause, so the guard may release it before the sentence ends, as the
# clause release does for a real answer; the same words whatever the question.
ANSWER = (
    "Autumn is a good time to go, and the weather is mild. "
    "Book the trains a few days ahead, because weekends are busy. "
    "秋天去比较合适，天气也不错。"
)


async def one_pair(api: RunningApi, recorder: Recorder, model_url: str, text: str) -> dict:
    """One /chat turn, then the body it sent replayed straight to the model server."""
    before = len(recorder.bodies)
    async with httpx.AsyncClient(base_url=api.url, headers=api.headers, timeout=120) as chat:
        turn = await chat_once(chat, text, time.perf_counter())
    row: dict[str, Any] = {
        "outcome": turn.outcome,
        "api_ttft_ms": None if turn.first_token_s is None else turn.first_token_s * 1000,
        "api_total_ms": turn.end_s * 1000,
        "model_calls": len(recorder.bodies) - before,
    }
    if row["model_calls"]:
        body = {**recorder.bodies[before], "stream": True}
        async with httpx.AsyncClient(base_url=model_url, timeout=120) as direct:
            straight = await stream_once(direct, body, time.perf_counter(), 0.0)
        del recorder.bodies[before + 1 :]  # the replay is not a turn's call
        if straight.first_token_s is not None and row["api_ttft_ms"] is not None:
            row["direct_ttft_ms"] = straight.first_token_s * 1000
            row["overhead_ms"] = row["api_ttft_ms"] - row["direct_ttft_ms"]
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    paired = [r["overhead_ms"] for r in rows if "overhead_ms" in r]
    return {
        "turns": len(rows),
        "paired": len(paired),
        "not_completed": sum(r["outcome"] != "completed" for r in rows),
        "overhead_ms_p50": percentile(paired, 50),
        "overhead_ms_p95": percentile(paired, 95),
        "api_ttft_ms_p50": percentile([r["api_ttft_ms"] for r in rows if "overhead_ms" in r], 50),
        "direct_ttft_ms_p50": percentile(
            [r["direct_ttft_ms"] for r in rows if "overhead_ms" in r], 50
        ),
        "no_model_turn_ttft_ms_p50": percentile(
            [r["api_ttft_ms"] for r in rows if not r["model_calls"] and r["api_ttft_ms"]], 50
        ),
        "api_cpu_ms_per_turn": rows[0].get("repeat_cpu_ms_per_turn") if rows else None,
        "load_1min_start_end": rows[0].get("repeat_load_1min") if rows else None,
    }


def sides_in_turn(names: list[str], repeat: int, i: int) -> Iterator[str]:
    """Alternate which side goes first, per question and per repeat."""
    return iter(names if (repeat + i) % 2 == 0 else names[::-1])


async def measure(
    apis: dict[str, RunningApi],
    recorder: Recorder,
    model_url: str,
    texts: list[str],
    repeats: int,
    warm: int,
    model_turns_only: bool = False,
) -> dict[str, list[list[dict[str, Any]]]]:
    names = list(apis)
    for text in messages(warm, offset=900):  # first-call costs, on both sides
        for name in names:
            await one_pair(apis[name], recorder, model_url, text)
    if model_turns_only:
        # Each question once on the first side (unmeasured): keep those a model answers.
        texts = [
            t
            for t in texts
            if (await one_pair(apis[names[0]], recorder, model_url, t))["model_calls"]
        ]
    runs: dict[str, list[list[dict[str, Any]]]] = {name: [] for name in names}
    for repeat in range(repeats):
        progress = Progress(f"repeat {repeat + 1}/{repeats}", len(texts) * len(names), 10.0)
        for name in names:
            runs[name].append([])
        load_before = os.getloadavg()[0]
        cpu_before = {name: cpu_s(apis[name].pid) for name in names}
        for i, text in enumerate(texts):
            for name in sides_in_turn(names, repeat, i):
                runs[name][repeat].append(await one_pair(apis[name], recorder, model_url, text))
                progress.step()
        load = (load_before, os.getloadavg()[0])
        for name in names:
            used = cpu_s(apis[name].pid)
            first = cpu_before[name]
            cpu_ms = None if used is None or first is None else (used - first) * 1000 / len(texts)
            # Every row of the repeat carries its figures (the run's context, not the turn's).
            for row in runs[name][repeat]:
                row |= {"repeat_cpu_ms_per_turn": cpu_ms, "repeat_load_1min": load}
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", action="append", required=True, help="name=checkout path")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--warm", type=int, default=4)
    parser.add_argument(
        "--model-turns-only",
        action="store_true",
        help="measure only the questions a model answers (found by one unmeasured turn each)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--port-base", type=int, help="stand-in on this port, the APIs on the next ones"
    )
    args = parser.parse_args()
    checkouts = {n: Path(p).resolve() for n, p in (s.split("=", 1) for s in args.side)}
    texts = messages(args.questions, offset=500)
    env = {**LIMITS_ENV, "TG_LOG_LEVEL": "WARNING"}
    started = time.time()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        base = args.port_base
        model_url, recorder = stack.enter_context(recording_server(ANSWER, base))
        apis = {
            name: stack.enter_context(
                running_api(
                    model_url,
                    Path(tmp),
                    Path(tmp) / f"api-{name}.log",
                    env,
                    repo=checkout,
                    port=base and base + 1 + i,
                )
            )
            for i, (name, checkout) in enumerate(checkouts.items())
        }
        runs = asyncio.run(
            measure(
                apis, recorder, model_url, texts, args.repeats, args.warm, args.model_turns_only
            )
        )
    result = {
        "what": "TTFT via POST /chat minus TTFT of the same body straight to a stand-in model "
        "server that streams at once (the model is not in the number)",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "niceness": os.nice(0),
        "load_average_at_start": os.getloadavg(),
        "questions": len(texts),
        "model_turns_only": args.model_turns_only,
        "repeats": args.repeats,
        "sides": {
            name: {
                "checkout": str(checkout),
                "per_repeat": [summarise(rows) for rows in runs[name]],
                "overhead_ms_p50_spread": spread(
                    [summarise(rows)["overhead_ms_p50"] for rows in runs[name]]
                ),
                "overhead_ms_p95_spread": spread(
                    [summarise(rows)["overhead_ms_p95"] for rows in runs[name]]
                ),
                "api_cpu_ms_per_turn_spread": spread(
                    [summarise(rows)["api_cpu_ms_per_turn"] for rows in runs[name]]
                ),
                "rows": runs[name],
            }
            for name, checkout in checkouts.items()
        },
    }
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, side in result["sides"].items():
        print(name, json.dumps(side["overhead_ms_p50_spread"]), flush=True)
        print("  CPU ms/turn", json.dumps(side["api_cpu_ms_per_turn_spread"]), flush=True)
        for s in side["per_repeat"]:
            print("   ", json.dumps(s), flush=True)


if __name__ == "__main__":
    main()
