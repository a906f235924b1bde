"""Questions answered through the whole graph (safety → route → expert(s) → guard → merge).

Why: `evals.travel.run` calls one named expert; a traveller's question goes through the router
first, and what they read is the merged, guarded answer. This runs each question as a new thread
on the compiled graph (as the API does, against the server `TG_OPENAI_API_BASE` names), one at a
time, and records what the user would see, who answered, and the custom events (route, guard).

    python -m evals.travel.graph_run \
        --questions evals/travel/results/fresh-questions-travel6.jsonl \
        --out evals/travel/results/fresh-questions-travel6-answers.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
import uuid
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from agents.knowledge import load_kb
from config.settings import Settings
from evals.records import commit_of
from evals.splits import read_jsonl
from evals.travel.metrics import score_answer
from graph.builder import build_graph


async def answer(graph: Any, question: str) -> dict[str, Any]:
    config = {"configurable": {"thread_id": str(uuid.uuid4())}}
    events: list[Any] = []
    state: dict[str, Any] = {}
    started = time.monotonic()
    first: float | None = None
    async for mode, payload in graph.astream(
        {"messages": [HumanMessage(question)]}, config, stream_mode=["custom", "values", "messages"]
    ):
        if mode == "custom":
            events.append(payload if isinstance(payload, dict) else str(payload))
        elif mode == "values":
            state = payload
        elif mode == "messages" and first is None:
            first = time.monotonic() - started
    replies = [m for m in state.get("messages", []) if isinstance(m, AIMessage)]
    return {
        "answer": str(replies[-1].content) if replies else "",
        "route": [r["name"] for r in state.get("route", [])],
        "route_reason": state.get("route_reason", ""),
        "experts_used": state.get("experts_used", []),
        "safety_flags": state.get("safety_flags", []),
        "guard_events": [e for e in events if isinstance(e, dict) and e.get("type") == "guard"],
        "seconds": round(time.monotonic() - started, 1),
        "first_token_s": None if first is None else round(first, 1),
    }


async def run(rows: list[dict[str, Any]], settings: Settings) -> list[dict[str, Any]]:
    graph = build_graph(settings, checkpointer=InMemorySaver())
    out: list[dict[str, Any]] = []
    for row in rows:
        record = row | await answer(graph, row["question"])
        found = load_kb().find(row["question"])
        scores = asdict(score_answer(record["answer"], row["question"], found[0])) if found else {}
        out.append(record | {"scores": scores})
        print(f"{row['id']}: {record['route']} {record['seconds']}s", flush=True)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args(argv)
    rows = read_jsonl(args.questions)
    rows = rows[: args.limit] if args.limit else rows
    settings = Settings()
    records = asyncio.run(run(rows, settings))
    report = {
        "questions": str(args.questions),
        "commit": commit_of()[0],
        "dirty": commit_of()[1],
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "server": settings.llm.openai_api_base,
        "records": records,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
