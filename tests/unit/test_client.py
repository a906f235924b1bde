"""The typed clients (blocking and asyncio) and the CLI against a live API (fake model)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

import agents.chains
import api.client.aio
import api.client.sync
from api.app import create_app
from api.client import (
    ApiError,
    AsyncTripGeniusClient,
    ConnectionFailed,
    RetryPolicy,
    TripGeniusClient,
    TripGeniusError,
    main,
)
from config.settings import Settings
from tests.unit.api_support import KEYS, free_port, serving, slow_model_factory

RED_FLAG = "我朋友吃了花生后嘴唇肿了，喘不上气"
MULTI_INTENT = "去厦门玩两天，我一吃海鲜就起荨麻疹，美食路线怎么安排？"
SSE_OK = (
    'event: metadata\ndata: {"run_id": "r", "thread_id": "t"}\n\n'
    'event: messages\ndata: [{"content": "hi"}, {"expert": "itinerary"}]\n\n'
    "event: end\ndata: null\n\n"
)


@pytest.fixture
def live_url(keyed_settings: Settings) -> Iterator[str]:
    with serving(create_app(keyed_settings)) as url:
        yield url


def test_client_streams_lists_reads_and_deletes(live_url: str) -> None:
    with TripGeniusClient(live_url, KEYS["alice"]) as client:
        events = list(client.stream("我脸上长痘痘怎么办？"))
        assert events[0].event == "metadata"
        assert events[-1].event == "end"
        assert all(e.id for e in events)
        result = client.chat("那要擦什么药膏？", thread_id=events[0].data["thread_id"])
        assert result.thread_id == events[0].data["thread_id"]
        assert result.experts[0]["model"] == "medical-expert"
        assert "[medical-expert]" in result.text
        assert result.error is None
        assert [t["thread_id"] for t in client.threads()] == [result.thread_id]
        assert len(client.history(result.thread_id)["messages"]) == 4
        assert client.info()["models"]["medical"] == "medical-expert"
        client.delete(result.thread_id)
        with pytest.raises(ApiError) as missing:
            client.history(result.thread_id)
        assert missing.value.status == 404
    with TripGeniusClient(live_url, "wrong") as client, pytest.raises(ApiError) as denied:
        client.chat("hi")
    assert denied.value.type == "unauthorized"


def test_async_client_does_what_the_blocking_one_does(live_url: str) -> None:
    async def scenario() -> None:
        async with AsyncTripGeniusClient(live_url, KEYS["alice"]) as client:
            events = [e async for e in client.stream("我脸上长痘痘怎么办？")]
            assert (events[0].event, events[-1].event) == ("metadata", "end")
            thread = events[0].data["thread_id"]
            result = await client.chat(MULTI_INTENT, thread_id=thread)
            assert [s.expert for s in result.sections] == ["food_culture", "medical"]
            assert [t["thread_id"] for t in await client.threads()] == [thread]
            assert len((await client.history(thread))["messages"]) == 4
            assert (await client.info())["models"]["medical"] == "medical-expert"
            with pytest.raises(ApiError) as idle:
                await client.cancel(thread)
            assert idle.value.type == "not_running"
            await client.delete(thread)
            with pytest.raises(ApiError) as missing:
                await client.history(thread)
            assert missing.value.status == 404
        async with AsyncTripGeniusClient(live_url, "wrong") as client:
            with pytest.raises(ApiError) as denied:
                await client.chat("hi")
            assert denied.value.type == "unauthorized"

    asyncio.run(scenario())


def test_an_unreachable_api_raises_the_clients_own_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with TripGeniusClient(url) as client, pytest.raises(ConnectionFailed) as failed:
        client.chat("hi")
    assert isinstance(failed.value, TripGeniusError)
    assert failed.value.reason == "ConnectError"
    with TripGeniusClient(url) as client, pytest.raises(ConnectionFailed):
        client.threads()

    async def unreachable() -> None:
        async with AsyncTripGeniusClient(url) as client:
            with pytest.raises(ConnectionFailed):
                await client.chat("hi")
            with pytest.raises(ConnectionFailed):
                await client.info()

    asyncio.run(unreachable())
    assert main(["--url", url, "hi"]) == 2
    err = capsys.readouterr().err
    assert f"cannot reach {url}" in err
    assert "Traceback" not in err


def _busy_then_ok(busy_answers: int, retry_after: str) -> tuple[httpx.MockTransport, list[str]]:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if len(calls) <= busy_answers:
            body = {"error": {"type": "rate_limited", "message": "slow down"}}
            return httpx.Response(429, json=body, headers={"Retry-After": retry_after})
        return httpx.Response(200, text=SSE_OK, headers={"Content-Type": "text/event-stream"})

    return httpx.MockTransport(handler), calls


def test_retry_after_is_honoured_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(api.client.sync.time, "sleep", slept.append)
    heard: list[float] = []
    transport, calls = _busy_then_ok(2, "3")
    with TripGeniusClient(transport=transport, on_retry=lambda e, s: heard.append(s)) as client:
        assert client.chat("hi").text == "hi"
    assert (len(calls), slept, heard) == (3, [3.0, 3.0], [3.0, 3.0])

    slept.clear()
    transport, calls = _busy_then_ok(99, "999")  # never free; asks for far too long a wait
    policy = RetryPolicy(retries=2, max_wait_s=5)
    with TripGeniusClient(transport=transport, retry=policy) as client:
        with pytest.raises(ApiError) as gave_up:
            client.threads()
        assert gave_up.value.retry_after == 999
    assert (len(calls), slept) == (3, [5, 5])

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    slept.clear()
    monkeypatch.setattr(api.client.aio.asyncio, "sleep", fake_sleep)
    async_transport, calls = _busy_then_ok(1, "2")

    async def scenario() -> str:
        async with AsyncTripGeniusClient(transport=async_transport) as client:
            return (await client.chat("hi")).text

    assert asyncio.run(scenario()) == "hi"
    assert (len(calls), slept) == (2, [2.0])


def test_cli_streams_the_answer_to_the_terminal(
    live_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--url", live_url, "--key", KEYS["alice"], "第二天想去逛街购物，杭州"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "This is a scripted answer" in out
    assert "##" not in out, "one expert: no section headers"
    assert "[thread " in err
    assert "itinerary" in err
    assert main(["--url", live_url, "--key", "nope", "hi"]) == 1
    assert "API key is missing or wrong" in capsys.readouterr().err


def test_cli_refuses_an_unknown_thread(live_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    key = KEYS["alice"]
    assert main(["--url", live_url, "--key", key, "--thread", "no-such-thread", "hi"]) == 1
    out, err = capsys.readouterr()
    assert "no such thread: no-such-thread" in err
    assert out == ""
    with TripGeniusClient(live_url, key) as client:
        assert client.threads() == [], "no thread was started"


def test_cli_labels_each_section_of_a_multi_intent_answer(
    live_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--url", live_url, "--key", KEYS["alice"], MULTI_INTENT]) == 0
    out = capsys.readouterr().out
    food = out.index("## 美食与文化 Food & culture")
    medical = out.index("\n\n## AI 皮肤科医生 Dermatology · medical-expert\n\n")
    assert food == 0
    assert "[medical-expert]" in out[medical:]
    assert "[medical-expert]" not in out[:medical]


def test_cli_prints_an_emergency_once(live_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--url", live_url, "--key", KEYS["alice"], RED_FLAG]) == 0
    out, err = capsys.readouterr()
    both = out + err
    assert both.count("⚠️ 紧急情况") == 1
    assert err.count("EMERGENCY — call 120") == 1
    assert "{" not in err, "no JSON on the terminal"


class InterruptedTerminal:
    """stdout that receives a few tokens, then the person presses Ctrl-C."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.text = ""

    def write(self, text: str) -> int:
        if self.after == 0:
            raise KeyboardInterrupt
        self.after -= 1
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_ctrl_c_stops_the_reply_on_the_server_and_exits_cleanly(
    keyed_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(agents.chains, "chat_model", slow_model_factory(0.05))
    with serving(create_app(keyed_settings)) as url:
        terminal = InterruptedTerminal(after=3)
        monkeypatch.setattr(sys, "stdout", terminal)
        code = main(["--url", url, "--key", KEYS["alice"], "第二天想去逛街购物，杭州"])
        monkeypatch.undo()
        err = capsys.readouterr().err
        assert code == 130
        assert "[stopped (the partial answer is kept in thread" in err
        assert "Traceback" not in err
        thread = err.split("[thread ")[1].split("]")[0]
        with TripGeniusClient(url, KEYS["alice"]) as client:
            deadline = time.monotonic() + 10
            while client.history(thread)["running"] and time.monotonic() < deadline:
                time.sleep(0.05)
            history = client.history(thread)
            answer = history["messages"][-1]
        assert answer["incomplete"] is True, history
        assert answer["content"].startswith(terminal.text)
        assert len(answer["content"].split()) < 100, "stopped long before the end"


def test_result_sections_follow_the_expert_of_each_token() -> None:
    events = [
        'event: messages\ndata: [{"content": "a"}, {"expert": "food_culture", "model": "b"}]',
        'event: messages\ndata: [{"content": "b"}, {"expert": "food_culture", "model": "b"}]',
        'event: messages\ndata: [{"content": "c"}, {"expert": "medical", "model": "m"}]',
        'event: custom\ndata: {"type": "guard", "tag": "x", "expert": "medical"}',
        "event: end\ndata: null",
    ]
    body = "\n\n".join(events) + "\n\n"
    transport = httpx.MockTransport(
        lambda r: httpx.Response(200, text=body, headers={"Content-Type": "text/event-stream"})
    )
    with TripGeniusClient(transport=transport) as client:
        result = client.chat("hi")
    assert [(s.expert, s.model, s.text) for s in result.sections] == [
        ("food_culture", "b", "ab"),
        ("medical", "m", "c"),
    ]
    assert result.text == "abc"
    assert json.dumps(result.guard) == '[{"type": "guard", "tag": "x", "expert": "medical"}]'
