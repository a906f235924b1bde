"""The durable write before the graph, two commits vs one, side by side in one process.

    nice -n 5 .venv/bin/python -m benchmarks.journal_commit_ab --repeats 5 --calls 40

What `ChatRun._save_turn` does before a turn's graph starts, on a SQLite file like the API's:
the run's journal row, then the user message through `aupdate_state` on a compiled graph with
the same saver. "two commits" is the journal's generic path (`RunJournal.opened_with`: the row
committed on its own, then the message), what every turn did before 12-02 speed-8; "one commit"
is `SqliteRunJournal.opened_with` (the row rides in the message's commit). The two alternate
call by call, each on a new thread, 30 ms apart; per repeat the median wall time of each.
Results: benchmarks/results/journal_commit_ab.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver
from langgraph.graph import START, MessagesState, StateGraph

from api.run_journal import RunJournal, SqliteRunJournal
from benchmarks.progress import Progress
from benchmarks.spread import spread

RESULTS = Path(__file__).resolve().parent / "results" / "journal_commit_ab.json"


async def measure(db: Path, repeats: int, calls: int) -> dict[str, Any]:
    async with AsyncSqliteSaver.from_conn_string(str(db)) as saver:
        await saver.setup()
        journal = SqliteRunJournal(saver)
        await journal.setup()
        builder = StateGraph(MessagesState)
        builder.add_node("answer", lambda state: {})
        builder.add_edge(START, "answer")
        graph = builder.compile(checkpointer=saver)

        async def turn(one_commit: bool) -> float:
            thread, run = str(uuid.uuid4()), str(uuid.uuid4())
            config: Any = {"configurable": {"thread_id": thread}, "metadata": {"owner": "a"}}

            async def write() -> None:
                message = {"messages": [HumanMessage("推荐几个冰岛值得去的地方")]}
                await graph.aupdate_state(config, message, as_node="__start__")

            start = time.perf_counter()
            if one_commit:
                await journal.opened_with(run, thread, "a", write)
            else:
                await RunJournal.opened_with(journal, run, thread, "a", write)
            return (time.perf_counter() - start) * 1000

        per_repeat: list[dict[str, Any]] = []
        for repeat in range(repeats):
            progress = Progress(f"repeat {repeat + 1}/{repeats}", 2 * calls, 10.0)
            ms: dict[str, list[float]] = {"two commits": [], "one commit": []}
            load = os.getloadavg()[0]
            for i in range(calls):
                for one in (False, True) if (i + repeat) % 2 == 0 else (True, False):
                    ms["one commit" if one else "two commits"].append(await turn(one))
                    progress.step()
                    await asyncio.sleep(0.03)
            per_repeat.append(
                {name: statistics.median(v) for name, v in ms.items()}
                | {"load_1min": [load, os.getloadavg()[0]], "ms": ms}
            )
    return {
        "per_repeat": per_repeat,
        "two_commits_ms_p50": spread([r["two commits"] for r in per_repeat]),
        "one_commit_ms_p50": spread([r["one commit"] for r in per_repeat]),
        "saved_ms_p50": spread([r["two commits"] - r["one commit"] for r in per_repeat]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--dir", type=Path, help="where the SQLite file lives (default: a tmp dir)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    started = time.time()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        result = asyncio.run(measure(Path(tmp) / "threads.sqlite", args.repeats, args.calls))
        where = tmp
    result = {
        "what": "wall ms of the durable write before the graph (journal row + user message)",
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "sqlite_dir": where,
        "niceness": os.nice(0),
        **result,
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    for key in ("two_commits_ms_p50", "one_commit_ms_p50", "saved_ms_p50"):
        s = result[key]
        print(f"{key}: {s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})", flush=True)


if __name__ == "__main__":
    main()
