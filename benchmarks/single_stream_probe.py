"""Single-stream decode of several already-running servers or models, side by side in one run.

The headline suite measures the served default against its own server; a choice between
configurations that cannot share a server (the 0.5B and the 1.5B base, a server without LoRA)
needs both up at once and measured in turn, order alternating per repeat, on the same prompt with
a forced output length — the box moves ±20–25 % between runs, so only a same-window comparison
says anything.

    python -m benchmarks.single_stream_probe \\
        --target b05=http://127.0.0.1:8300/v1@Qwen2.5-Coder-0.5B-Instruct \\
        --target b15=http://127.0.0.1:8400/v1@Qwen2.5-Coder-1.5B-Instruct \\
        --repeats 3 --out benchmarks/results/single_stream_bases.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks.openai_stream import stream_once
from benchmarks.spread import spread

PROMPT = "Write a detailed travel guide for Hangzhou, covering West Lake, food and transport."


def parse_target(text: str) -> tuple[str, str, str]:
    name, rest = text.split("=", 1)
    url, model = rest.rsplit("@", 1)
    return name, url, model


async def decode_tok_s(url: str, model: str, tokens: int) -> float | None:
    body = {
        "model": model,
        "messages": [{"role": "user", "content": PROMPT}],
        "max_tokens": tokens,
        "min_tokens": tokens,
        "ignore_eos": True,
        "temperature": 0.0,
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    async with httpx.AsyncClient(base_url=url, timeout=900) as client:
        rec = await stream_once(client, body, time.perf_counter(), 0.0)
    if rec.error or rec.first_token_s is None or rec.end_s is None or rec.output_tokens < 2:
        return None
    return (rec.output_tokens - 1) / (rec.end_s - rec.first_token_s)


async def run(targets: list[tuple[str, str, str]], repeats: int, tokens: int) -> dict[str, Any]:
    values: dict[str, list[float | None]] = {name: [] for name, _, _ in targets}
    for r in range(repeats):
        for name, url, model in targets if r % 2 == 0 else targets[::-1]:
            got = await decode_tok_s(url, model, tokens)
            values[name].append(got)
            print(f"repeat {r + 1}/{repeats} {name}: {got and round(got, 2)} tok/s", flush=True)
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average": os.getloadavg(),
        "forced_tokens": tokens,
        "targets": {name: {"url": url, "model": model} for name, url, model in targets},
        "decode_tok_s": {name: spread(v) for name, v in values.items()},
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--target", action="append", required=True, help="name=URL@model")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--tokens", type=int, default=96)
    p.add_argument("--out", type=Path)
    args = p.parse_args()
    result = asyncio.run(run([parse_target(t) for t in args.target], args.repeats, args.tokens))
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
