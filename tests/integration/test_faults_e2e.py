"""Faults of the real vLLM process: hung (SIGSTOP), killed mid-stream, restarted.

Ordered after every other integration test (marker `vllm_faults`) because they freeze, kill and
restart the session's vLLM; the one restart costs 3-5 minutes here. The tests depend on each
other's order (hang → kill → restart), as one scenario.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.conftest import ApiFactory, ApiProcess, VLLMServer, wait_for
from tests.integration.helpers import StreamRecorder

pytestmark = [pytest.mark.integration, pytest.mark.vllm_faults]

LLM_TIMEOUT_S = 30  # per read; generous, since prefill alone can take 10 s+ on a busy CPU
TRIP = "第二天想去逛街购物，杭州"
LONG_TRIP = "第二天想去逛街购物，杭州。详细写上午、下午、晚上去哪、怎么去、吃什么"


@pytest.fixture(scope="module")
def fault_api(api_factory: ApiFactory) -> ApiProcess:
    return api_factory("faults", TG_LLM_TIMEOUT_S=str(LLM_TIMEOUT_S))


@pytest.fixture(scope="module")
def scenario() -> dict[str, str]:
    """What one step of the hang → kill → restart scenario hands to the next."""
    return {}


@pytest.fixture
def client(fault_api: ApiProcess) -> Iterator[httpx.Client]:
    with fault_api.client() as c:
        yield c


def test_hung_vllm_hits_the_timeout_from_settings(client: httpx.Client, vllm: VLLMServer) -> None:
    stream = StreamRecorder(client, {"message": TRIP})
    stream.wait_first_token()
    frozen = time.monotonic()
    vllm.signal(signal.SIGSTOP)
    try:
        stream.join(LLM_TIMEOUT_S + 20)
    finally:
        vllm.signal(signal.SIGCONT)
    assert stream.names[-2:] == ["error", "end"]
    assert stream.error()["error"] == "llm_timeout"
    took = stream.arrived("end") - frozen
    print(f"hung vLLM: error+end {took:.1f}s after the freeze (llm_timeout_s={LLM_TIMEOUT_S})")
    assert LLM_TIMEOUT_S - 2 < took < LLM_TIMEOUT_S + 15
    wait_for(lambda: client.get("/ready").status_code == 200, timeout_s=60)


def _streaming_while_vllm_generates(
    client: httpx.Client, vllm: VLLMServer
) -> StreamRecorder | None:
    """A stream with some text on screen while vLLM's own gauge shows its reply still being
    generated; None when the reply ended first (a short sampled reply: the test asks again)."""
    stream = StreamRecorder(client, {"message": LONG_TRIP})
    stream.wait_first_token()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert "error" not in stream.names, stream.events
        if "end" in stream.names:
            return None
        if len(stream.text) >= 4 and vllm.running_requests() >= 1:
            return stream
        time.sleep(0.1)
    raise AssertionError(f"no text while vLLM generated within 90 s: {stream.events}")


def test_killed_vllm_mid_stream_gives_error_then_end_and_keeps_the_turn(
    client: httpx.Client, vllm: VLLMServer, scenario: dict[str, str]
) -> None:
    # The kill must land while vLLM is generating: twice in CI (2026-12-02) the 48-token reply
    # of the session's settings was over, or never showed 4 characters, before a fixed wait
    # ended, so the stream is taken only while vLLM's gauge shows the reply running, and a reply
    # that ended first is asked again (at most 3 times).
    attempts: list[StreamRecorder | None] = []
    while not attempts or (attempts[-1] is None and len(attempts) < 3):
        attempts.append(_streaming_while_vllm_generates(client, vllm))
    stream = attempts[-1]
    assert stream is not None, "every reply ended before the kill could land"
    killed = time.monotonic()
    vllm.kill()
    stream.join(30)
    took = stream.arrived("end") - killed
    print(f"killed vLLM: error+end {took:.1f}s after the kill")
    assert stream.names[-2:] == ["error", "end"]
    assert stream.error()["error"] == "llm_unavailable"
    assert took < 10
    history = client.get(f"/threads/{stream.thread_id}").json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[0]["content"] == LONG_TRIP
    assert history[1]["incomplete"] is True
    assert history[1]["content"] == stream.text
    ready = client.get("/ready")
    assert ready.status_code == 503
    assert ready.json()["error"]["type"] == "llm_unavailable"
    scenario["thread_id"] = stream.thread_id


@pytest.mark.timeout(1200)  # a vLLM start takes 3-5 minutes here, more under load
def test_restarted_vllm_is_picked_up_without_restarting_the_api(
    client: httpx.Client, vllm: VLLMServer, fault_api: ApiProcess, scenario: dict[str, str]
) -> None:
    thread_id = scenario.get("thread_id")
    assert thread_id, "runs after the kill test"
    api_pid = fault_api.proc.pid if fault_api.proc else None
    took = vllm.start()
    print(f"vLLM restarted in {took:.0f}s")
    wait_for(lambda: client.get("/ready").status_code == 200, timeout_s=60)
    assert fault_api.proc is not None
    assert fault_api.proc.pid == api_pid
    assert fault_api.proc.poll() is None
    # The retry continues the thread cleanly after the incomplete answer.
    retry = client.post("/chat", json={"message": TRIP, "thread_id": thread_id, "stream": False})
    assert retry.status_code == 200, retry.text
    assert "error" not in retry.json()
    history = client.get(f"/threads/{thread_id}").json()["messages"]
    assert [m["role"] for m in history] == ["user", "assistant", "user", "assistant"]
    assert [m["incomplete"] for m in history] == [False, True, False, False]
    assert history[3]["content"] == retry.json()["messages"][0]["content"]
