"""Faults `make fuzz-proof` plants (TG_FUZZ_FAULT) to show that the fuzz test can fail.

Each one is a bug the issue-12 probe could have hidden behind the old fuzz test: the graph
failing on hostile characters, a 500 on NUL / `<` / `'`, a user message dropped from the
history; and on the LangGraph Server API (/langgraph): a run route failing on hostile text, an
owner check lost so another owner's thread can be read. Unset or "": nothing is planted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

import api.langgraph_threads
import api.routes.chat
import api.routes.langgraph_api
import api.routes.langgraph_runs
import api.thread_store
import graph.nodes
from api.thread_store import thread_owner

FAULTS = (
    "graph_fails_on_hostile",
    "500_on_nul_lt_quote",
    "drops_user_message",
    "langgraph_500_on_hostile",
    "langgraph_reads_any_owner",
)


@contextmanager
def plant(fault: str) -> Iterator[None]:
    if fault and fault not in FAULTS:
        raise ValueError(f"unknown fault {fault!r}; one of {FAULTS}")
    with pytest.MonkeyPatch.context() as mp:
        if fault == "graph_fails_on_hostile":
            check_turn = graph.nodes.check_turn

            def failing_check_turn(text: str, *args: Any) -> Any:
                if any(c in text for c in "<'{%\x00"):
                    raise RuntimeError("planted: the safety check chokes on hostile text")
                return check_turn(text, *args)

            mp.setattr(graph.nodes, "check_turn", failing_check_turn)
        elif fault == "500_on_nul_lt_quote":
            wants_json = api.routes.chat.wants_json

            def exploding_wants_json(body: Any, request: Any) -> bool:
                if any(c in body.message for c in "\x00<'"):
                    raise RuntimeError("planted: the route chokes on NUL, < or '")
                return wants_json(body, request)

            mp.setattr(api.routes.chat, "wants_json", exploding_wants_json)
        elif fault == "drops_user_message":
            to_history = api.thread_store.to_history

            def dropping_to_history(message: Any, *args: Any) -> Any:
                if isinstance(message, HumanMessage) and "%" in message.text:
                    return None
                return to_history(message, *args)

            mp.setattr(api.thread_store, "to_history", dropping_to_history)
        elif fault == "langgraph_500_on_hostile":
            start = api.routes.langgraph_runs._start

            async def exploding_start(service: Any, owner: str, thread_id: str, body: Any) -> Any:
                if any(c in body.input.messages[0].text() for c in "\x00<'"):
                    raise RuntimeError("planted: the LangGraph run route chokes on NUL, < or '")
                return await start(service, owner, thread_id, body)

            mp.setattr(api.routes.langgraph_runs, "_start", exploding_start)
        elif fault == "langgraph_reads_any_owner":

            async def any_owner(checkpointer: Any, thread_id: str, owner: str) -> None:
                if await thread_owner(checkpointer, thread_id) is None:  # only "does it exist"
                    raise api.langgraph_threads.ApiError(404, "not_found", "no such thread")

            mp.setattr(api.langgraph_threads, "require_own_thread", any_owner)
            mp.setattr(api.routes.langgraph_api, "require_own_thread", any_owner)
        yield
