"""The reading server's latency and vLLM's decode beside it, for each thread count, side by side.

    nice -n 5 .venv/bin/python -m benchmarks.reading_threads \\
        --side t1=http://127.0.0.1:8303 --side t2=http://127.0.0.1:8302 --repeats 3

Why: the reading server (serving/embedder.py) shares this box's 2 cores with vLLM, whose two
OpenMP threads are pinned to both. A forward pass split over two threads waits at each barrier
for the slower one, so a core taken by anything else (a vLLM decode step, the API) stalls every
layer. Each side is a running reading server (`python -m serving.embedder --threads N`) on the
same model; both stay up the whole run, idle when not asked.

Per repeat, per load (background vLLM streams of forced length, looping), per side (order
alternating): the side's server reads `--turns` distinct questions one at a time (a new text
each time: nothing is remembered between requests) while the background streams run, and the
streams' tokens that arrive during the phase give vLLM's decode rate beside it. Results:
benchmarks/results/reading_threads.json and a markdown table beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.progress import Progress
from benchmarks.spread import spread
from benchmarks.stats import percentile
from benchmarks.suites.agent_stack import messages

RESULTS = Path(__file__).resolve().parent / "results" / "reading_threads.json"
STORY = "Write a long, detailed travel diary of a week in Hangzhou, day by day."


async def background(client: httpx.AsyncClient, model: str, arrivals: list[float]) -> None:
    """One looping forced-length stream; the time of each token chunk goes to `arrivals`."""
    body = {
        "model": model,
        "prompt": STORY,
        "max_tokens": 128,
        "min_tokens": 128,
        "ignore_eos": True,
        "temperature": 0.0,
        "stream": True,
    }
    while True:
        async with client.stream("POST", "/completions", json=body) as resp:
            async for line in resp.aiter_lines():
                if line.startswith("data: {"):
                    arrivals.append(time.perf_counter())


async def phase(
    reading_url: str, vllm_url: str, model: str, load: int, texts: list[str], gap_s: float
) -> dict[str, Any]:
    """The side's reading latencies (ms) and the background decode rate during them."""
    arrivals: list[float] = []
    async with (
        httpx.AsyncClient(base_url=vllm_url, timeout=600) as vllm,
        httpx.AsyncClient(base_url=reading_url, timeout=60) as reading,
    ):
        streams = [asyncio.create_task(background(vllm, model, arrivals)) for _ in range(load)]
        if load:
            await asyncio.sleep(3.0)  # the streams past their prefill
        started = time.perf_counter()
        latencies: list[float] = []
        for text in texts:
            t = time.perf_counter()
            resp = await reading.post("/embed", json={"texts": [text]})
            resp.raise_for_status()
            latencies.append((time.perf_counter() - t) * 1000)
            await asyncio.sleep(gap_s)
        ended = time.perf_counter()
        for task in streams:
            task.cancel()
        await asyncio.gather(*streams, return_exceptions=True)
    during = sum(started <= a <= ended for a in arrivals)
    return {
        "latency_ms": latencies,
        "p50_ms": percentile(latencies, 50),
        "p95_ms": percentile(latencies, 95),
        "decode_tok_s": during / (ended - started) if load else None,
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in sorted({(r["load"], r["side"]) for r in rows}):
        mine = [r for r in rows if (r["load"], r["side"]) == key]
        out[f"load {key[0]} | {key[1]}"] = {
            field: spread([r[field] for r in mine])
            for field in ("p50_ms", "p95_ms", "decode_tok_s")
        }
    return out


def report(result: dict[str, Any]) -> str:
    def cell(s: dict[str, Any] | None) -> str:
        return "–" if s is None else f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})"

    lines = [
        f"# The reading server's thread count ({result['date']} – {result['finished']})",
        "",
        f"{result['turns']} distinct turns per phase, {result['repeats']} repeats; each cell: "
        "median of the repeats (min–max). Load: forced-length vLLM streams running meanwhile.",
        "",
        "| load | side | read p50 ms | read p95 ms | vLLM decode tok/s beside it |",
        "|---|---|---|---|---|",
    ]
    for key, s in result["summary"].items():
        load, side = key.split(" | ")
        lines.append(
            f"| {load.split()[1]} | {side} | {cell(s['p50_ms'])} | {cell(s['p95_ms'])} "
            f"| {cell(s['decode_tok_s'])} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--side", action="append", required=True, help="name=reading-server URL")
    parser.add_argument("--vllm-url", default="http://127.0.0.1:8300/v1")
    parser.add_argument("--model", default="Qwen2.5-Coder-0.5B-Instruct")
    parser.add_argument("--load", type=int, action="append", help="background streams")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--gap-s", type=float, default=0.2)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sides = dict(s.split("=", 1) for s in args.side)
    loads = args.load or [0, 2]
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    rows: list[dict[str, Any]] = []
    progress = Progress("reading threads", args.repeats * len(loads) * len(sides) * args.turns)
    offset = 0
    for repeat in range(args.repeats):
        for i, load in enumerate(loads):
            order = list(sides) if (repeat + i) % 2 == 0 else list(reversed(sides))
            for side in order:
                texts = messages(args.turns, offset)
                offset += args.turns
                row = asyncio.run(
                    phase(sides[side], args.vllm_url, args.model, load, texts, args.gap_s)
                )
                progress.done += args.turns - 1
                progress.step()
                rows.append({"repeat": repeat, "load": load, "side": side, **row})
                print(f"  repeat {repeat + 1} load {load} {side}: p50 {row['p50_ms']:.1f} ms")
    result = {
        "what": "reading-server latency per thread count, idle and beside vLLM decode streams",
        "date": started,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_1min_at_end": os.getloadavg()[0],
        "sides": sides,
        "repeats": args.repeats,
        "turns": args.turns,
        "rows": rows,
        "summary": {},
    }
    result["summary"] = summarise(rows)
    args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    args.out.with_suffix(".md").write_text(report(result))
    print(report(result))


if __name__ == "__main__":
    main()
