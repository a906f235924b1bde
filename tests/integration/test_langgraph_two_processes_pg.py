"""Two API processes on one PostgreSQL: a run that one of them answers is `running` (and its
thread `busy`) when the LangGraph Server API of the other is asked, and `runs.join` there
waits for it. (Before: `success` and `idle` at once, and join answered the question with no
answer, so a client reconnecting through another replica read a half-finished thread.)"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

import agents.chains
from api.app import create_app
from api.langgraph_schemas import GRAPH_ID
from tests.unit.api_support import serving, slow_model_factory
from tests.unit.conftest import keyed
from tests.unit.test_langgraph_api import TRIP, sdk

pytestmark = pytest.mark.integration


@pytest.fixture
def two_apis(tmp_path_factory: pytest.TempPathFactory, postgres_url: str) -> Iterator[list[str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(agents.chains, "chat_model", slow_model_factory(0.02))  # ~2 s per answer
        urls = []
        apps = [
            create_app(keyed(tmp_path_factory.mktemp(name), store={"postgres_url": postgres_url}))
            for name in ("a", "b")
        ]
        with serving(apps[0]) as a, serving(apps[1]) as b:
            urls = [a, b]
            yield urls


def test_a_run_in_another_process_is_running_and_join_waits_for_it(two_apis: list[str]) -> None:
    async def scenario() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]:
        a, b = sdk(two_apis[0]), sdk(two_apis[1])
        thread_id = (await a.threads.create())["thread_id"]
        seen: dict[str, Any] = {}
        joined: dict[str, Any] = {}
        run_id = ""
        stream = a.runs.stream(thread_id, GRAPH_ID, input=TRIP, stream_mode="messages-tuple")
        async for part in stream:
            if part.event == "metadata":
                run_id = part.data["run_id"]
            if part.event == "messages" and not seen:
                seen["run"] = (await b.runs.get(thread_id, run_id))["status"]
                seen["thread"] = (await b.threads.get(thread_id))["status"]
                found = await b.threads.search(ids=[thread_id])
                seen["search"] = found[0]["status"]
                joined = await asyncio.wait_for(b.runs.join(thread_id, run_id), 60)
        after = await b.runs.get(thread_id, run_id)
        return seen, joined, after, run_id

    seen, joined, after, _ = asyncio.run(asyncio.wait_for(scenario(), 120))
    assert seen == {"run": "running", "thread": "busy", "search": "busy"}
    answer = joined["messages"][-1]
    assert answer["type"] == "ai"
    assert "Word 99." in answer["content"]
    assert not answer["additional_kwargs"].get("incomplete")
    assert after["status"] == "success"
