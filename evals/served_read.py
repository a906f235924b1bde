"""Ask a running Trip Genius API a file of fresh questions, one new thread each, and keep the
answers for a person to read (`evals/results/served-read/`).

Why a tool of its own: the scored evaluations call one expert or the router; this goes through
`POST /chat` exactly as a user does (safety, triage, experts, guard, streaming), so what is read
is what a person would have been shown. The verdicts are written by hand beside the answers.

    python -m evals.served_read QUESTIONS.jsonl OUT.jsonl --url http://127.0.0.1:8080
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from api.client.events import TripGeniusError
from api.client.sync import TripGeniusClient


def ask(client: TripGeniusClient, question: str, thread_id: str | None = None) -> dict[str, Any]:
    """One question (in a new thread unless one is given); an error is kept in the record, never
    retried silently."""
    started = time.monotonic()
    try:
        result = client.chat(question, thread_id)
    except TripGeniusError as exc:
        return {"error": str(exc), "seconds": round(time.monotonic() - started, 1)}
    return {
        "experts": result.experts,
        "safety": result.safety,
        "guard": result.guard,
        "messages": [
            {"expert": s.expert, "model": s.model, "content": s.text} for s in result.sections
        ],
        "error": result.error,
        "thread_id": result.thread_id,
        "seconds": round(time.monotonic() - started, 1),
    }


def ask_thread(client: TripGeniusClient, turns: list[str]) -> dict[str, Any]:
    """Earlier turns asked in one thread (their answers kept under `earlier`), the last one read.

    Why: a follow-up ("涂了三天还是痒") is answered from the thread, which a one-question read
    never exercises."""
    earlier: list[dict[str, Any]] = []
    thread_id: str | None = None
    for turn in turns[:-1]:
        record = ask(client, turn, thread_id)
        earlier.append({"question": turn, **record})
        thread_id = record.get("thread_id") or thread_id
    return {**ask(client, turns[-1], thread_id), "earlier": earlier}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "questions",
        type=Path,
        help="JSONL rows with id and question (and `earlier`: turns asked first in the thread)",
    )
    parser.add_argument("out", type=Path, help="JSONL: each row plus what the service answered")
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    with (
        TripGeniusClient(args.url, args.api_key, timeout=args.timeout) as client,
        args.out.open("w") as out,
    ):
        for row in rows:
            turns = [*row.get("earlier", []), row["question"]]
            record = {**row, **ask_thread(client, turns)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            experts = [e.get("name") for e in record.get("experts") or []]
            print(f"{row.get('id', '?')}: {experts} {record['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
