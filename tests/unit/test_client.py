"""The typed client and its CLI against a live API (fake model)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import create_app
from api.client import ApiError, TripGeniusClient, main
from config.settings import Settings
from tests.unit.api_support import KEYS, serving


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


def test_cli_streams_the_answer_to_the_terminal(
    live_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--url", live_url, "--key", KEYS["alice"], "帮我规划三天的杭州行程"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "This is a scripted answer" in out
    assert "[thread " in err
    assert "itinerary" in err
    assert main(["--url", live_url, "--key", "nope", "hi"]) == 1
