"""Issue 14's headline figures: forced lengths on the wire, per-repeat ratios, medians, spreads."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.headline_report import headline_markdown, plugin_ab_markdown
from benchmarks.headline_summary import headline, max_loras
from benchmarks.lora_profile import fold
from benchmarks.openai_stream import completion_body
from benchmarks.profiles import PROFILES
from benchmarks.spread import spread
from benchmarks.suites.latency_budgets import guard_hold_back, token_pieces
from benchmarks.summary import contract, targets
from benchmarks.workload import build_workload, load_prompts


def test_spread_is_median_min_max_over_the_repeats_that_measured() -> None:
    assert spread([3.0, 1.0, None, 2.0]) == {
        "median": 2.0,
        "min": 1.0,
        "max": 3.0,
        "repeats": 3,
        "values": [3.0, 1.0, 2.0],
    }
    assert spread([None]) is None


def test_forced_length_asks_vllm_for_exactly_max_tokens() -> None:
    kw: dict[str, Any] = {"n": 2, "rate_per_s": 1.0, "max_tokens": 64, "models": ["m"], "seed": 1}
    natural, forced = (
        build_workload(load_prompts(), **kw),
        build_workload(load_prompts(), **kw, forced_length=True),
    )
    assert "min_tokens" not in completion_body(natural[0])
    body = completion_body(forced[0])
    assert (body["min_tokens"], body["max_tokens"], body["ignore_eos"]) == (64, 64, True)
    # same prompts and arrivals either way: the two sides of a ratio differ only in the model
    assert [w.messages for w in natural] == [w.messages for w in forced]


def _run(tok_s: float, tpot_ms: float = 50.0, tokens: float = 64.0) -> dict[str, Any]:
    return {
        "summary": {"output_tok_s": tok_s, "tpot_ms_p50": tpot_ms, "mean_output_tokens": tokens}
    }


def _results() -> dict[str, Any]:
    pairs = [(100.0, 60.0), (80.0, 56.0), (120.0, 48.0)]  # ratios 0.6, 0.7, 0.4
    return {
        "headline": {
            "server": {"command": ["-m", "x", "--max-loras", "2"]},
            "lora": [{"base": _run(b), "lora": _run(m)} for b, m in pairs],
            "single_stream": [
                {"base": _run(16, tpot_ms=t), "lora": _run(10, tpot_ms=100.0)} for t in (50, 40)
            ],
            "overhead": {"per_repeat_overhead_ms_p50": [40.0, 20.0, 30.0]},
        },
        "headline_slots": {
            "server": {"command": ["--max-loras", "6"]},
            "lora": [{"base": _run(100.0), "lora": _run(40.0)}],
        },
        "headline_batching": {
            "level": 32,
            "repeats": [
                {
                    "vllm": _run(120.0),
                    "transformers": {"pipeline": _run(10.0), "static_b32": _run(40.0)},
                }
            ],
        },
        "latency_budgets": {
            "triage_ms": {"n": 2, "p50": 1.0, "p95": 2.0},
            "condition_retrieval_ms": {"n": 2, "p50": 3.0, "p95": 4.0},
            "guard": {
                "checker_ms_to_first_release": {"n": 2, "p50": 1.0, "p95": 1.0},
                "held_back_pieces_each": [10, 20],
                "checker_ms_each": [1.0, 1.0],
            },
        },
    }


def test_a_ratio_is_taken_per_repeat_then_the_median_with_its_spread() -> None:
    out = headline(_results(), decode_bound=25.0)
    s = out["lora_vs_base_throughput_ratio_c16_spread"]
    assert out["lora_vs_base_throughput_ratio_c16"] == pytest.approx(0.6)
    assert (s["min"], s["max"], s["repeats"]) == (pytest.approx(0.4), pytest.approx(0.7), 3)
    # the median of per-repeat ratios, not the ratio of medians (56 / 100 = 0.56)
    assert out["single_stream_decode_tok_s"] == pytest.approx(22.5)  # median of 20 and 25 tok/s
    assert out["decode_bandwidth_fraction"] == pytest.approx(22.5 / 25.0)
    assert out["api_ttft_overhead_ms_p50"] == pytest.approx(30.0)
    assert out["vllm_vs_static_batch_throughput_ratio_c32"] == pytest.approx(3.0)
    assert out["vllm_vs_pipeline_throughput_ratio_c32"] == pytest.approx(12.0)
    assert set(out["lora_c16_by_max_loras"]) == {"2", "6"}
    assert out["lora_c16_by_max_loras"]["6"]["lora_vs_base"]["median"] == pytest.approx(0.4)
    # the guard waits for its first sentence: pieces × the LoRA TPOT (100 ms) + checker CPU
    assert out["latency_budgets_ms"]["guard_first_sentence_wait"]["p50"] == pytest.approx(1501.0)


def test_headline_figures_replace_the_single_run_ones_and_keep_their_targets() -> None:
    values = contract({})
    values |= headline(_results(), decode_bound=25.0)
    checked = targets(values)
    assert checked["lora_vs_base_throughput_ratio_c16"]["value"] == pytest.approx(0.6)
    assert checked["lora_vs_base_throughput_ratio_c16"]["met"] is False
    assert checked["vllm_vs_static_batch_throughput_ratio_c32"]["met"] is True
    text = "\n".join(headline_markdown({**values, "targets": checked}))
    assert "| LoRA ÷ base output tok/s, c=16 | 0.60 | 0.40 | 0.70 | 3 | >= 0.75 | False |" in text
    assert "| 6 | 0.40 (0.40–0.40)" in text


def test_a_figure_not_measured_keeps_no_spread() -> None:
    partial = {"headline": {**_results()["headline"], "single_stream": []}}
    out = headline(partial, decode_bound=25.0)
    assert "single_stream_decode_tok_s" not in out
    assert "single_stream_decode_tok_s" not in out["headline_keys"]


def test_max_loras_is_read_from_the_command() -> None:
    assert max_loras(["--enable-lora", "--max-loras", "6"]) == 6
    assert max_loras([]) is None


def test_the_guard_holds_the_first_token_until_the_first_sentence_ends() -> None:
    assert "".join(token_pieces("湿疹 is itchy. 多喝水")) == "湿疹 is itchy. 多喝水"
    held, _cpu = guard_hold_back("Eczema is itchy. Keep the skin moist.", "en")
    assert held == len(token_pieces("Eczema is itchy. ")) - 1


def test_headline_profile_covers_what_the_issue_asks() -> None:
    h = PROFILES["headline"]
    assert h.repeats >= 3
    assert (h.lora_level, h.batching_level, h.real_streams) == (16, 32, 100)
    assert h.folder == "full"  # beside the full profile's results, into the one summary.json
    assert {"headline", "headline_slots", "latency_budgets"} <= set(h.suites)


def test_py_spy_stacks_fold_into_the_lora_share_of_the_model_step() -> None:
    proc = 'process 1:"python -m vllm --lora-modules medical-expert=/x/lora/v4"'
    step = f"{proc};main (a.py:1);Worker.execute_model (vllm/v1/worker/gpu_worker.py:9)"
    lora_layer = "BaseLinearLayerWithLoRA.apply (vllm/lora/layers/base_linear.py:7)"
    stacks = [
        f"{step};Qwen2MLP.forward (qwen2.py:10);linear (layers.py:5) 6",
        f"{step};{lora_layer};PunicaWrapperCPU.add_lora_linear (vllm/lora/punica_wrapper/"
        "punica_cpu.py:3);bgmv_shrink (vllm/lora/ops/torch_ops/lora_ops.py:42) 3",
        f"{step};{lora_layer} 1",
        f"{proc};main (a.py:1);schedule (sched.py:3) 10",
        "not a stack line",
    ]
    folded = fold(stacks)
    assert (folded["samples"], folded["model_step_samples"]) == (20, 10)
    assert (folded["lora_layer_samples"], folded["lora_math_samples"]) == (4, 3)
    assert folded["lora_math_share_of_step"] == pytest.approx(0.3)
    assert folded["top_lora_frames"][0] == (
        "BaseLinearLayerWithLoRA.apply (vllm/lora/layers/base_linear.py)",
        4,
    )
    assert folded["top_leaves_in_step"][0] == ("linear (layers.py)", 6)


def test_int8_weights_are_compared_with_bf16_per_repeat() -> None:
    results = {
        "headline_weights": {
            "repeats": [
                {"bf16": {"base": _run(1, tpot_ms=b), "lora": _run(1, tpot_ms=2 * b)},
                 "int8": {"base": _run(1, tpot_ms=i), "lora": _run(1, tpot_ms=2 * i)}}
                for b, i in ((60.0, 40.0), (50.0, 40.0), (80.0, 40.0))
            ]
        }
    }  # fmt: skip
    out = headline(results, decode_bound=None)
    assert out["single_stream_decode_tok_s_int8"] == pytest.approx(25.0)
    # per-repeat ratios 1.5, 1.25, 2.0: their median, not 25 tok/s over the bf16 median
    assert out["int8_vs_bf16_single_stream_decode_ratio"] == pytest.approx(1.5)
    assert out["int8_vs_bf16_single_stream_decode_ratio_spread"]["max"] == pytest.approx(2.0)
    assert out["single_stream_lora_decode_tok_s_int8_spread"]["median"] == pytest.approx(12.5)
    assert "headline_weights" in PROFILES["headline"].suites


def test_the_grouped_lora_plugin_is_compared_with_vllms_own_arithmetic() -> None:
    results = _results()
    results["headline_lora_ops"] = {
        "server": {"command": ["--max-loras", "2"]},
        "lora": [
            {"base": _run(100.0), "lora": _run(30.0)},
            {"base": _run(90.0), "lora": _run(40.0)},
        ],
    }
    out = headline(results, decode_bound=25.0)
    assert out["lora_c16_vllm_own_lora_ops"]["lora_tok_s"]["median"] == pytest.approx(35.0)
    # the served (plugin) LoRA tok/s median (60, 56, 48 → 56) over vLLM's own (30, 40 → 35)
    assert out["lora_c16_grouped_vs_vllm_own_lora_tok_s"] == pytest.approx(56.0 / 35.0)
    assert "headline_lora_ops" in PROFILES["headline"].suites
    text = "\n".join(headline_markdown(out))
    assert "| 2, vLLM's own LoRA ops (no plugin) | 0.37 (0.30–0.44) | 35.00 (30.00–40.00) |" in text


def _session(
    version: str, repeat: int, base: float, lora: float, probe: str = ""
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "version": version,
        "repeat": repeat,
        "load_before": [2.0, 1.0, 1.0],
        "load_after": [4.0, 1.0, 1.0],
        "lora_pair": {"base": _run(base), "lora": _run(lora)},
        "single_stream": {"base": _run(1, tpot_ms=200.0), "lora": _run(1, tpot_ms=250.0)},
    }
    if probe:
        row["probe"] = {"medical-expert": [probe]}
    return row


def test_plugin_ab_pairs_each_repeat_and_serves_the_default_versions_figures() -> None:
    sessions = [
        _session("grouped", 0, 100.0, 60.0, probe="same"),  # ratio 0.6
        _session("cached", 0, 100.0, 70.0, probe="same"),  # 0.7
        _session("cached", 1, 50.0, 40.0),  # a slow repeat for both: 0.8
        _session("grouped", 1, 50.0, 35.0),  # 0.7
    ]
    results = {"headline_lora_variants": {"versions": ["grouped", "cached"], "sessions": sessions}}
    out = headline(results, decode_bound=10.0, served_lora_ops="cached")
    ab = out["lora_plugin_ab"]
    # v3 / v1 inside each repeat (70/60, 40/35), never across repeats (70/35 would be 2.0)
    assert ab["cached_vs_grouped"]["lora_tok_s"]["values"] == pytest.approx([70 / 60, 40 / 35])
    assert ab["grouped"]["lora_vs_base"]["median"] == pytest.approx(0.65)
    assert ab["grouped"]["load_1min"]["values"] == [2.0, 4.0, 2.0, 4.0]
    assert ab["greedy_probe_identical"] is True
    table = "\n".join(plugin_ab_markdown(ab))
    assert "| LoRA ÷ base, c=16 | 0.65 (0.60–0.70) | 0.75 (0.70–0.80) |" in table
    # the served version's sessions give the contract figure
    assert out["lora_vs_base_throughput_ratio_c16"] == pytest.approx(0.75)
    assert out["single_stream_decode_tok_s"] == pytest.approx(5.0)
    assert out["decode_bandwidth_fraction"] == pytest.approx(0.5)
    assert headline(results, None, "grouped")["lora_vs_base_throughput_ratio_c16"] == pytest.approx(
        0.65
    )
    sessions[1]["probe"] = {"medical-expert": ["a different answer"]}
    assert headline(results, None, "cached")["lora_plugin_ab"]["greedy_probe_identical"] is False
