"""How turns are handled end to end — route, safety level, reply — so a change of handling can
be read turn by turn (evals/triage/results/third_language_rule_2026-12-05.md).

Why its own tool: triage's scores read the router alone; a turn in a language the service does
not read is answered by the route node after the router (agents/unread_language.py), which
`evals.triage.evaluate` does not see. Served defaults, with the fake chat model standing in for
vLLM (the card-led doctor and the KB-led travel answers need none) and no reading server.

    python -m evals.triage.third_language TURNS.jsonl OUT.json   # rows with "messages"
    python -m evals.triage.third_language --compare BEFORE.json AFTER.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver

from config.settings import Settings
from graph.builder import build_graph


async def handle(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's thread through a fresh graph thread: the experts routed, the safety event's
    level (None: none) and the reply stored."""
    db = Path(tempfile.mkdtemp()) / "threads.sqlite"
    settings = Settings.model_validate(
        {"llm": {"backend": "fake"}, "api": {"dev_mode": True}, "store": {"checkpoint_db": db}}
    )
    graph = build_graph(settings, checkpointer=InMemorySaver())
    out = []
    for i, row in enumerate(rows):
        config: Any = {"configurable": {"thread_id": f"t{i}"}}
        messages = [(m["role"], m["content"]) for m in row["messages"]]
        stream = graph.astream({"messages": messages}, config, stream_mode="custom")
        events = [e async for e in stream]
        safety = [e["level"] for e in events if e.get("type") == "safety"]
        routes = [e for e in events if e.get("type") == "route"]
        reply = (await graph.aget_state(config)).values["messages"][-1]
        out.append({
            "id": row.get("id", str(i)),
            "text": row["messages"][-1]["content"],
            "experts": [e["name"] for e in routes[-1]["experts"]] if routes else [],
            "safety": safety[0] if safety else None,
            "reply": str(reply.content),
        })  # fmt: skip
    return out


def compare(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """The turns whose handling changed, and escalations before and after (must not drop)."""
    changed = [
        {"id": a["id"], "text": a["text"], "before": b["experts"], "after": a["experts"]}
        for b, a in zip(before, after, strict=True)
        if (b["experts"], b["safety"], b["reply"]) != (a["experts"], a["safety"], a["reply"])
    ]
    return {
        "turns": len(after),
        "changed": changed,
        "escalated_before": sum(b["safety"] is not None for b in before),
        "escalated_after": sum(a["safety"] is not None for a in after),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs=2, type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    first, second = args.paths
    if args.compare:
        report = compare(json.loads(first.read_text()), json.loads(second.read_text()))
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    rows = [json.loads(line) for line in first.read_text().splitlines() if line.strip()]
    second.write_text(json.dumps(asyncio.run(handle(rows)), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
