"""The TTFT step tables (benchmarks/ttft_steps*.py) read the marks as the steps they name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks import ttft_marks
from benchmarks.ttft_steps_report import MODEL_STEP, step_values, summarise
from benchmarks.ttft_steps_summary import served_release, ttft_steps_figures

MODEL_MARKS = {
    "request at the app": 0.0,
    "admitted": 2.0,
    "journal row written": 5.0,
    "user message saved": 12.0,
    "node safety start": 14.0,
    "node safety end": 15.0,
    "node route start": 16.0,
    "node route end": 24.0,
    "node expert start": 26.0,
    "model request sent": 30.0,
    "first model chunk at the guard": 80.0,
    "guard releases the first text": 680.0,
    "first token in the run": 681.0,
    "first token framed": 681.5,
    "client reads the first token": 682.0,
}


def row(repeat: int, overhead: float, model: bool = True, side: str = "token") -> dict[str, Any]:
    marks = dict(MODEL_MARKS)
    if not model:
        for key in ("model request sent", "first model chunk at the guard"):
            marks.pop(key)
        marks.pop("guard releases the first text")
    return {
        "repeat": repeat,
        "backend": "fake",
        "load": 0,
        "side": side,
        "model_call": model,
        "api_ttft_ms": 700.0,
        "overhead_ms": overhead,
        "direct_ttft_ms": 50.0,
        "held_chunks": 7,
        "marks_ms": marks,
        "durations_ms": {"triage classifier": 4.0},
    }


def test_each_step_is_the_gap_between_its_marks() -> None:
    steps = step_values(row(0, 650.0))
    assert steps["guard: first chunk → first release"] == 600.0
    assert steps["journal row + user message (durable before the graph)"] == 10.0
    assert steps["route node (triage, routing)"] == 8.0
    assert steps[MODEL_STEP] == 50.0
    assert steps["API's own steps (TTFT − model step)"] == 632.0  # client 682 − model 50
    assert steps["  of which triage classifier"] == 4.0
    assert "no-model expert node → first token in the run" not in steps
    no_model = step_values(row(0, 0.0, model=False))
    assert no_model["no-model expert node → first token in the run"] == 655.0
    assert "expert node up to the model request" not in no_model


def test_a_figure_is_the_median_of_the_repeats_p50() -> None:
    rows = [row(0, v) for v in (10.0, 20.0, 30.0)] + [row(1, v) for v in (40.0, 50.0, 60.0)]
    rows += [row(2, v) for v in (70.0, 80.0, 90.0)]
    entry = summarise({"rows": rows})["fake | load 0 | token | model turns"]
    assert entry["overhead_ms_p50"]["values"] == [20.0, 50.0, 80.0]
    assert (entry["overhead_ms_p50"]["min"], entry["overhead_ms_p50"]["max"]) == (20.0, 80.0)
    assert entry["turns"] == 9


def test_the_summary_takes_the_served_release_against_vllm_without_load(tmp_path: Path) -> None:
    def spread(v: float) -> dict[str, Any]:
        return {"median": v, "min": v - 1, "max": v + 1, "repeats": 3, "values": [v - 1, v, v + 1]}

    summary = {}
    for i, side in enumerate(("clause", "word", "token")):
        for load in (0, 2):
            for backend in ("fake", "vllm"):
                value = 100.0 * (i + 1) + load + (backend == "vllm") * 1000
                summary[f"{backend} | load {load} | {side} | model turns"] = {
                    "overhead_ms_p50": spread(value),
                    "overhead_ms_p95": spread(value * 2),
                    "steps": {},
                }
    run = {"date": "d", "finished": "f", "repeats": 3, "summary": summary}
    (tmp_path / "ttft_steps.json").write_text(json.dumps(run))
    figures = ttft_steps_figures(tmp_path)
    want = summary[f"vllm | load 0 | {served_release()} | model turns"]["overhead_ms_p50"]
    assert figures["api_ttft_overhead_ms_p50"] == want["median"]
    assert figures["api_ttft_overhead_ms_p50_spread"]["values"] == want["values"]
    assert len(figures["api_ttft_overhead_steps"]["groups"]) == 12
    assert ttft_steps_figures(tmp_path / "nothing-here") == {}


async def test_only_the_measured_request_is_marked() -> None:
    turns: list[dict[str, Any]] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        ttft_marks.mark("inside")

    marked = ttft_marks.measured_app(app, turns)
    await marked({"type": "http", "headers": [(b"x-bench-measure", b"1")]}, None, None)
    await marked({"type": "http", "headers": []}, None, None)
    assert len(turns) == 1
    assert set(turns[0]) == {"request at the app", "inside"}


def test_the_summary_says_the_contract_run_had_no_reading_layer_and_puts_the_served_one_beside(
    tmp_path: Path,
) -> None:
    """The 12-02 contract run triaged by chars alone; `make run` adds the reading layer (~41 ms):
    summary.json must not present the first as the served configuration."""

    def spread(v: float) -> dict[str, Any]:
        return {"median": v, "min": v - 1, "max": v + 1, "repeats": 3, "values": [v - 1, v, v + 1]}

    contract = {"vllm | load 0 | token | model turns": {"overhead_ms_p50": spread(34.0),
                                                         "overhead_ms_p95": spread(50.0),
                                                         "steps": {}}}  # fmt: skip
    reading = {
        "vllm | load 0 | token | no-model turns": {"api_ttft_ms_p50": spread(77.0)},
        "vllm | load 0 | token-chars | no-model turns": {"api_ttft_ms_p50": spread(34.0)},
        "vllm | load 2 | token | no-model turns": {"api_ttft_ms_p50": spread(151.0)},
    }
    for name, summary in (("ttft_steps.json", contract),
                          ("ttft_steps_reading_layer.json", reading)):  # fmt: skip
        run = {"date": "d", "finished": "f", "repeats": 3, "summary": summary}
        (tmp_path / name).write_text(json.dumps(run))
    figures = ttft_steps_figures(tmp_path)
    assert figures["api_ttft_overhead_ms_p50"] == 34.0
    assert figures["api_ttft_overhead_ms_p50_spread"]["reading_layer"].startswith("off")
    assert figures["api_ttft_served_no_model_turn_ms_p50"] == 77.0
    assert figures["api_ttft_chars_no_model_turn_ms_p50"] == 34.0
