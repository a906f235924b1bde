"""Start-up: close the runs a crash left open (their process died before its own clean-up).

Each one's streamed part goes into its thread as the expert's answer, marked `incomplete` (the
user message is already there: it is written before a run starts), and the run is marked
`interrupted`. With PostgreSQL, a run whose thread lease another live process holds is still
running there and is left alone.
"""

from __future__ import annotations

import logging

from langgraph.graph.state import CompiledStateGraph

from api.leases import ThreadLeases
from api.run_journal import OpenRun, RunJournal
from api.streaming import PartialAnswer, keep_partial_answers, thread_config

log = logging.getLogger(__name__)


async def _already_in_thread(graph: CompiledStateGraph, run: OpenRun) -> set[str]:
    """Ids of the thread's messages: a node that finished after the last note kept its answer."""
    state = await graph.aget_state(thread_config(run.thread_id, run.owner))
    return {m.id for m in (state.values or {}).get("messages", []) if m.id}


async def recover_run(graph: CompiledStateGraph, journal: RunJournal, run: OpenRun) -> None:
    present = await _already_in_thread(graph, run)
    partials = {
        p["node"]: PartialAnswer.from_note(p)
        for p in run.partials
        if p.get("message_id") not in present
    }
    await keep_partial_answers(graph, run.thread_id, run.owner, partials)
    await journal.interrupted(run.run_id)


async def recover_interrupted_runs(
    graph: CompiledStateGraph, journal: RunJournal, leases: ThreadLeases
) -> int:
    recovered = 0
    for run in await journal.left_open():
        lease = await leases.acquire(run.thread_id)
        if lease is None:  # another process is answering this thread right now
            continue
        try:
            await recover_run(graph, journal, run)
            recovered += 1
        except Exception as exc:  # one bad thread must not stop the API from starting
            log.warning("run %s: could not recover it (%r)", run.run_id, exc)
        finally:
            await lease.release()
    if recovered:
        log.warning("marked %d run(s) a crash left open as interrupted", recovered)
    return recovered
