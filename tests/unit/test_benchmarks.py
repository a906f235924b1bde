"""The pure parts of benchmarks/: statistics, workload, static batcher, results contract."""

from __future__ import annotations

import random

import pytest

from benchmarks.batching import Decision, decide
from benchmarks.profiles import PROFILES
from benchmarks.stats import RequestRecord, knee, percentile, summarise, tpot_s
from benchmarks.summary import CONTRACT_KEYS, contract, targets
from benchmarks.workload import assign_models, build_workload, load_prompts, poisson_arrivals


def test_percentile_interpolates_like_numpy() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 50) == pytest.approx(25.0)
    assert percentile(values, 99) == pytest.approx(39.7)
    assert percentile(values, 0) == 10.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) is None
    with pytest.raises(ValueError, match="percentile"):
        percentile(values, 101)


def record(arrival: float, start: float, first: float, end: float, tokens: int) -> RequestRecord:
    return RequestRecord(arrival, start, first, end, tokens)


def test_summary_counts_tokens_over_the_makespan_and_separates_queueing() -> None:
    records = [
        record(0.0, 0.0, 0.5, 2.5, 21),  # TPOT 0.1 s
        record(1.0, 2.5, 3.0, 4.0, 11),  # waited 1.5 s in the queue; TPOT 0.1 s
        RequestRecord(1.5, 1.5, None, None, 0, error="http 500"),
    ]
    s = summarise(records)
    assert (s["requests"], s["completed"], s["errors"]) == (3, 2, 1)
    assert s["duration_s"] == 4.0
    assert s["output_tok_s"] == pytest.approx(32 / 4.0)
    assert s["ttft_ms_p50"] == pytest.approx(500.0)
    assert s["ttft_queued_ms_p50"] == pytest.approx(1250.0)
    assert s["tpot_ms_p50"] == pytest.approx(100.0)


def test_summary_of_only_failures_has_no_throughput() -> None:
    s = summarise([RequestRecord(0.0, 0.0, None, None, 0, error="x")])
    assert s["completed"] == 0
    assert s["output_tok_s"] is None


def test_tpot_undefined_for_one_token() -> None:
    assert tpot_s(record(0, 0, 1, 1, 1)) is None


def test_knee_is_where_doubling_stops_paying() -> None:
    curve = [(1, 14.0), (2, 27.0), (4, 50.0), (8, 86.0), (16, 118.0), (32, 125.0)]
    assert knee(curve) == {"concurrency": 16, "output_tok_s": 118.0, "flattened": True}
    rising = [(1, 10.0), (2, 20.0), (4, 40.0)]
    assert knee(rising)["flattened"] is False
    assert knee(rising)["concurrency"] == 4


def test_workload_is_deterministic_and_prefix_stable() -> None:
    prompts = load_prompts()
    assert {p.domain for p in prompts} == {"travel", "medical"}
    assert {"zh", "en"} <= {p.lang for p in prompts}
    args = {"rate_per_s": 2.0, "max_tokens": 128, "models": ["base"], "seed": 6}
    big = build_workload(prompts, n=64, **args)  # type: ignore[arg-type]
    assert big == build_workload(prompts, n=64, **args)  # type: ignore[arg-type]
    small = build_workload(prompts, n=16, **args)  # type: ignore[arg-type]
    assert [w.messages for w in small] == [w.messages for w in big[:16]]
    assert [w.arrival_s for w in small] == [w.arrival_s for w in big[:16]]
    other = build_workload(prompts, n=64, **{**args, "seed": 7})  # type: ignore[arg-type]
    assert [w.messages for w in other] != [w.messages for w in big]
    assert big[0].messages[0]["role"] == "system"


def test_poisson_arrivals_have_the_asked_rate() -> None:
    times = poisson_arrivals(4000, 2.0, random.Random(1))
    assert times[0] == 0.0
    assert times == sorted(times)
    assert 4000 / times[-1] == pytest.approx(2.0, rel=0.05)


def test_model_mix_is_an_exact_split() -> None:
    chosen = assign_models(10, ["base", "lora"], random.Random(3))
    assert chosen.count("base") == chosen.count("lora") == 5
    assert chosen == assign_models(10, ["base", "lora"], random.Random(3))


@pytest.mark.parametrize(
    ("queued", "now", "nxt", "expected"),
    [
        ([0.0, 0.1, 0.2, 0.3], 0.3, 0.5, Decision(4)),  # full batch: go
        ([0.0, 0.1, 0.2, 0.3, 0.4], 0.4, 0.5, Decision(4)),  # more than full: one batch
        ([0.0], 0.5, 0.9, Decision(0, 0.9)),  # wait for the next arrival
        ([0.0], 0.5, 3.0, Decision(0, 2.0)),  # ... but not past the oldest's timeout
        ([0.0, 1.0], 2.0, 3.0, Decision(2)),  # timed out: go with what is there
        ([0.0], 0.1, None, Decision(1)),  # nobody else is coming: go
        ([], 0.0, 1.5, Decision(0, 1.5)),  # idle until the next arrival
        ([], 9.0, None, Decision(0, None)),  # done
    ],
)
def test_static_batcher_waits_to_fill_or_times_out(
    queued: list[float], now: float, nxt: float | None, expected: Decision
) -> None:
    assert decide(queued, now, nxt, batch_size=4, timeout_s=2.0) == expected


def _summary(tok_s: float, tpot_ms: float = 50.0) -> dict[str, object]:
    return {"summary": {"output_tok_s": tok_s, "tpot_ms_p50": tpot_ms}}


def test_contract_has_every_key_and_checks_targets() -> None:
    results = {
        "vllm": {
            "scaling": [
                {"concurrency": 1, **_summary(20.0, 50.0)},
                {"concurrency": 32, **_summary(300.0)},
            ],
            "lora": {
                name: [{"concurrency": 16, **_summary(v)}]
                for name, v in (("base", 200.0), ("medical-expert", 160.0), ("mix", 180.0))
            },
            "knee": {"concurrency": 16, "flattened": True},
        },
        "transformers": {"runs": {"pipeline": _summary(12.0), "static_b32": _summary(120.0)}},
        "physical": {"decode_bound_tok_s": 25.0},
        "agent": {
            "overhead": {"ttft_overhead_ms_p50": 12.0},
            "real_model_streams": {"errors": 1, "truncated": 1, "streams": 100},
            "fake_model": {"streams": {"errors": 0, "truncated": 0, "streams": 100}},
        },
    }
    values = contract(results)
    assert set(CONTRACT_KEYS) <= set(values)
    assert values["vllm_vs_pipeline_throughput_ratio_c32"] == pytest.approx(25.0)
    assert values["vllm_vs_static_batch_throughput_ratio_c32"] == pytest.approx(2.5)
    assert values["lora_vs_base_throughput_ratio_c16"] == pytest.approx(0.8)
    assert values["decode_bandwidth_fraction"] == pytest.approx(20.0 / 25.0)
    assert values["concurrent_streams_100_errors"] == 2
    checked = targets(values)
    assert checked["vllm_vs_pipeline_throughput_ratio_c32"]["met"] is True
    assert checked["concurrent_streams_100_errors"]["met"] is False
    assert checked["api_ttft_overhead_ms_p50"]["met"] is True


def test_contract_without_results_reports_nothing_as_met() -> None:
    values = contract({})
    assert all(values[k] is None for k in CONTRACT_KEYS)
    assert all(t["met"] is None for t in targets(values).values())


def test_full_profile_covers_what_the_issue_asks() -> None:
    full = PROFILES["full"]
    assert {1, 4, 8, 16, 32} <= set(full.levels)
    assert 32 in full.hf_batch_sizes
    assert 16 in full.lora_levels
    assert full.streams == 100
    assert full.max_tokens == 128
