"""summary.json's sources: every suite the CLI runs, and the model-out overhead runs' own files."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import report
from benchmarks.model_out_summary import model_out_overheads
from benchmarks.registry import SUITES


def side(checkout: str, values: list[float], cpu: list[float] | None = None) -> dict:
    spread = {"median": sorted(values)[1], "min": min(values), "max": max(values)}
    data = {"checkout": checkout, "overhead_ms_p50_spread": {**spread, "values": values}}
    if cpu is not None:
        data["api_cpu_ms_per_turn_spread"] = {"median": sorted(cpu)[1], "values": cpu}
    return data


def run(sides: dict) -> dict:
    return {
        "date": "2026-12-02T09:00:00Z",
        "niceness": 19,
        "load_average_at_start": [3.5, 3.0, 2.0],
        "questions": 8,
        "repeats": 3,
        "sides": sides,
    }


def test_every_side_of_every_run_file_becomes_a_key(tmp_path: Path) -> None:
    (tmp_path / "api_overhead.json").write_text(
        json.dumps(run({"before": side("/b", [1, 2, 3]), "after": side("/a", [4, 5, 6])}))
    )
    (tmp_path / "api_overhead_main_2026-12-02.json").write_text(
        json.dumps(run({"baseline": side("/m", [7, 8, 9], cpu=[50, 60, 70])}))
    )
    figures = model_out_overheads(tmp_path)
    assert sorted(figures) == [
        "api_ttft_overhead_model_out_ms_p50_before_spread",
        "api_ttft_overhead_model_out_ms_p50_main_2026_12_02_spread",
        "api_ttft_overhead_model_out_ms_p50_spread",
    ]
    assert figures["api_ttft_overhead_model_out_ms_p50_spread"]["median"] == 5, "the last side"
    assert figures["api_ttft_overhead_model_out_ms_p50_before_spread"]["median"] == 2
    main = figures["api_ttft_overhead_model_out_ms_p50_main_2026_12_02_spread"]
    assert main["median"] == 8
    assert main["api_cpu_ms_per_turn"]["median"] == 60
    assert "api_overhead_main_2026-12-02.json" in main["what"]
    assert "load 3.5" in main["what"]


def test_the_report_reads_every_suite_the_cli_runs(tmp_path: Path) -> None:
    for name in [*SUITES, "tuning_recheck", "tuning_recheck_2"]:
        (tmp_path / f"{name}.json").write_text(json.dumps({"suite": name}))
    (tmp_path / "not_a_suite.json").write_text("{}")
    assert sorted(report.load(tmp_path)) == sorted([*SUITES, "tuning_recheck", "tuning_recheck_2"])
