"""Long waits say how far they are: vLLM's start-up (`make run`) and each benchmark level."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fastapi import FastAPI, Response

from api.launch import WaitingLine
from benchmarks.progress import Progress
from serving.vllm_server import wait_healthy
from tests.unit.api_support import serving


def test_wait_healthy_reports_the_seconds_waited_until_the_server_answers() -> None:
    polls = {"n": 0}
    app = FastAPI()

    @app.get("/health")
    def health() -> Response:
        polls["n"] += 1
        return Response(status_code=200 if polls["n"] > 2 else 503)

    heard: list[float] = []
    with serving(app) as url:
        took = wait_healthy(url, 30, progress=heard.append)
    assert len(heard) == 2, "one report per failed poll"
    assert heard == sorted(heard)
    assert 0.9 < heard[0] < heard[1] <= took


def test_the_waiting_line_in_a_log_is_one_line_every_15_seconds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = WaitingLine(Path("var/vllm.log"))
    for second in range(1, 47):
        line(second + 0.3)
    lines = capsys.readouterr().out.splitlines()
    assert [x.split("… ")[1].split("s ")[0] for x in lines] == ["1", "15", "30", "45"]
    assert all("waiting for vLLM" in x and "var/vllm.log" in x for x in lines)


def test_benchmark_progress_names_the_level_and_counts_requests() -> None:
    out = io.StringIO()
    progress = Progress("c=16 base", total=3, every_s=3600, out=out)
    for _ in range(3):
        progress.step()
    assert out.getvalue().splitlines() == ["    c=16 base: 3/3 requests, 0s"], "only the end"
    out = io.StringIO()
    chatty = Progress("c=1", total=2, every_s=0, out=out)
    chatty.step()
    chatty.step()
    assert [x.split(",")[0] for x in out.getvalue().splitlines()] == [
        "    c=1: 1/2 requests",
        "    c=1: 2/2 requests",
    ]
