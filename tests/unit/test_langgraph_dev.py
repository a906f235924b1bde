"""`langgraph dev` serves the same graph offline; langgraph-sdk drives it (fake model).

No vLLM here: the point is that langgraph.json, graph/studio.py (compiled without its own
checkpointer, which the LangGraph server refuses) and the streamed events work in the server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from langgraph_sdk import get_client

from serving.vllm_server import stop_process_group

ROOT = Path(__file__).resolve().parents[2]
LANGGRAPH = Path(sys.executable).with_name("langgraph")
STARTUP_S = 240


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    log_path = tmp_path_factory.mktemp("langgraph-dev") / "server.log"
    env = {
        **os.environ,
        "TG_LLM_BACKEND": "fake",
        "TG_DOCTOR_ANSWER": "model",  # a streamed (model) answer to cut
        "LANGGRAPH_CLI_NO_ANALYTICS": "1",
        "LANGSMITH_TRACING": "false",
    }
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(LANGGRAPH), "dev", "--no-browser", "--no-reload", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + STARTUP_S
            while time.monotonic() < deadline:
                assert proc.poll() is None, log_path.read_text(errors="replace")[-3000:]
                try:
                    if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(1)
            else:
                pytest.fail(f"langgraph dev did not start in {STARTUP_S}s")
            yield url
        finally:
            stop_process_group(proc)


async def test_sdk_streams_a_routed_run_on_a_thread(server: str) -> None:
    client = get_client(url=server)
    thread = await client.threads.create()
    customs, labels = [], []
    async for part in client.runs.stream(
        thread["thread_id"],
        "trip_genius",
        input={"messages": [{"role": "user", "content": "我脸上长痘痘怎么办？"}]},
        stream_mode=["custom", "messages-tuple"],
    ):
        if part.event == "custom":
            customs.append(part.data)
        elif part.event == "messages":
            labels.append(part.data[1])
    assert customs[0]["type"] == "route"
    assert customs[0]["experts"][0]["name"] == "medical"
    assert labels
    assert {meta["expert"] for meta in labels} == {"medical"}

    # The server keeps the thread: a follow-up stays with the doctor.
    follow_up = [
        part.data
        async for part in client.runs.stream(
            thread["thread_id"],
            "trip_genius",
            input={"messages": [{"role": "user", "content": "那要连续用几天？"}]},
            stream_mode="custom",
        )
        if part.event == "custom"
    ]
    assert follow_up[0]["experts"][0]["name"] == "medical"
    state = await client.threads.get_state(thread["thread_id"])
    assert [m["type"] for m in state["values"]["messages"]] == ["human", "ai", "human", "ai"]
