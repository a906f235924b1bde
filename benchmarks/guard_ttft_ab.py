"""Time to first token through two running APIs, side by side: before and after a change.

    .venv/bin/python -m benchmarks.guard_ttft_ab --side before=http://127.0.0.1:8081 \\
        --side after=http://127.0.0.1:8082 --rounds 3

Both APIs talk to the same vLLM; every question goes to each side in turn (order alternating
per round), one at a time, so load and caching hit both sides alike. Made for the guard's
clause-level release (benchmarks/guard_release.py replays stored answers offline; this is the
live check). The questions go to guarded travel experts: the doctor's card-led answers carry no
model tokens to hold. Dev-mode APIs (no key). Results: benchmarks/results/guard_ttft_ab.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.chat_sse import ChatRecord, chat_once
from benchmarks.stats import percentile

RESULTS = Path(__file__).resolve().parent / "results" / "guard_ttft_ab.json"
QUESTIONS = [
    "成都有什么必吃的小吃？",
    "How do I get from Chengdu to Chongqing?",
    "杭州西湖附近住哪里比较方便？",
    "What should I know about money and tipping in Tokyo?",
]


async def one(url: str, question: str) -> ChatRecord:
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        return await chat_once(client, question, time.perf_counter())


def summary(records: list[ChatRecord]) -> dict[str, Any]:
    ttft = [r.first_token_s * 1000 for r in records if r.first_token_s is not None]
    total = [r.end_s * 1000 for r in records if r.outcome == "completed"]
    return {
        "chats": len(records),
        "completed": sum(r.outcome == "completed" for r in records),
        "ttft_ms_p50": percentile(ttft, 50),
        "ttft_ms_min": min(ttft, default=None),
        "ttft_ms_max": max(ttft, default=None),
        "total_ms_p50": percentile(total, 50),
        "ttft_ms": ttft,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--side", action="append", required=True, help="name=url")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sides = dict(s.split("=", 1) for s in args.side)
    records: dict[str, list[ChatRecord]] = {name: [] for name in sides}
    names = list(sides)
    for round_no in range(args.rounds):
        order = names if round_no % 2 == 0 else names[::-1]
        for question in QUESTIONS:
            for name in order:
                record = await one(sides[name], question)
                records[name].append(record)
                print(f"round {round_no + 1} {name}: ttft {record.first_token_s}", flush=True)
    result = {
        "questions": QUESTIONS,
        "rounds": args.rounds,
        "sides": {name: {"url": sides[name], **summary(records[name])} for name in names},
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(
        json.dumps(
            {n: {k: v for k, v in s.items() if k != "ttft_ms"} for n, s in result["sides"].items()},
            indent=2,
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
