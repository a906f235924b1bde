"""The headline figures of issue 14 from the `headline*` suites: a median with min/max each.

Pure (no I/O). A ratio is taken inside each repeat (its two sides ran back to back on the same
prompts), then the median of the per-repeat ratios is the figure; `<key>_spread` holds median,
min, max and the values. A figure the headline suites did not measure keeps the full profile's
single-run value and has no spread. Keys keep the meaning they have in `summary.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.lora_variants_summary import served_figures, variant_figures
from benchmarks.spread import ratio, spread
from benchmarks.stats import percentile

Run = dict[str, Any]
# Runs of the served default that measured the API overhead, newest first: the 10:30 run of
# 12-02 (plugin v2, reverted; the API side is the same) came after speed-6's API changes.
OVERHEAD_RUNS = ("headline_plugin_v2_2026-12-02", "headline")


def _tput(run: Run | None) -> float | None:
    return run["summary"].get("output_tok_s") if run else None


def _decode_tok_s(run: Run | None) -> float | None:
    tpot = run["summary"].get("tpot_ms_p50") if run else None
    return 1000 / tpot if tpot else None


def _per_repeat(repeats: list[Run], fn: Callable[[Run], float | None]) -> dict[str, Any] | None:
    return spread([fn(r) for r in repeats])


def max_loras(command: list[str]) -> int | None:
    return int(command[command.index("--max-loras") + 1]) if "--max-loras" in command else None


def lora_figures(suite: Run) -> dict[str, Any]:
    reps = suite.get("lora", [])
    return {
        "max_loras": max_loras(suite.get("server", {}).get("command", [])),
        "lora_vs_base": _per_repeat(reps, lambda r: ratio(_tput(r["lora"]), _tput(r["base"]))),
        "lora_tok_s": _per_repeat(reps, lambda r: _tput(r["lora"])),
        "base_tok_s": _per_repeat(reps, lambda r: _tput(r["base"])),
        "lora_mean_output_tokens": _per_repeat(
            reps, lambda r: r["lora"]["summary"].get("mean_output_tokens")
        ),
    }


def guard_ttft_added_ms(budgets: Run, tpot_ms: float) -> dict[str, Any]:
    g = budgets["guard"]
    added = [
        pieces * tpot_ms + cpu
        for pieces, cpu in zip(g["held_back_pieces_each"], g["checker_ms_each"], strict=True)
    ]
    return {"n": len(added), "p50": percentile(added, 50), "p95": percentile(added, 95)}


def headline(
    results: dict[str, Run], decode_bound: float | None, served_lora_ops: str | None = None
) -> dict[str, Any]:
    """Values that replace the single-run contract figures, and the extra figures around them.

    `served_lora_ops`: the plugin version served by default; when the v1/v3 A/B measured it,
    its sessions (the newest) give the LoRA ratio and the single-stream figures.
    """
    out: dict[str, Any] = {}
    figures: dict[str, dict[str, Any] | None] = {}
    main = results.get("headline")
    if main:
        lora = lora_figures(main)
        figures["lora_vs_base_throughput_ratio_c16"] = lora["lora_vs_base"]
        out["lora_ratio_adapter"] = "medical-expert (the served version), forced lengths"
        single = main.get("single_stream", [])
        figures["single_stream_decode_tok_s"] = _per_repeat(
            single, lambda r: _decode_tok_s(r["base"])
        )
        out["single_stream_lora_decode_tok_s_spread"] = _per_repeat(
            single, lambda r: _decode_tok_s(r["lora"])
        )
        if decode_bound and figures["single_stream_decode_tok_s"]:
            figures["decode_bandwidth_fraction"] = spread(
                [v / decode_bound for v in figures["single_stream_decode_tok_s"]["values"]]
            )
        source = next((n for n in OVERHEAD_RUNS if "overhead" in results.get(n, {})), None)
        if source:
            figures["api_ttft_overhead_ms_p50"] = spread(
                results[source]["overhead"]["per_repeat_overhead_ms_p50"]
            )
            out["api_ttft_overhead_source"] = f"results/full/{source}.json"
        by_slots = {str(lora["max_loras"]): lora}
        if "headline_slots" in results:
            old = lora_figures(results["headline_slots"])
            by_slots[str(old["max_loras"])] = old
        out["lora_c16_by_max_loras"] = by_slots
        if "headline_lora_ops" in results:
            own = lora_figures(results["headline_lora_ops"])
            out["lora_c16_vllm_own_lora_ops"] = own
            out["lora_c16_grouped_vs_vllm_own_lora_tok_s"] = ratio(
                (lora["lora_tok_s"] or {}).get("median"), (own["lora_tok_s"] or {}).get("median")
            )
    variants = results.get("headline_lora_variants")
    if variants and variants.get("sessions"):
        out["lora_plugin_ab"] = variant_figures(variants)
        served = served_figures(variants, served_lora_ops) if served_lora_ops else {}
        if served:
            key = "lora_vs_base_throughput_ratio_c16"
            figures[key] = served[key]
            figures["single_stream_decode_tok_s"] = served["single_stream_decode_tok_s"]
            out["single_stream_lora_decode_tok_s_spread"] = served["single_stream_lora"]
            if decode_bound and served["single_stream_decode_tok_s"]:
                figures["decode_bandwidth_fraction"] = spread(
                    [v / decode_bound for v in served["single_stream_decode_tok_s"]["values"]]
                )
            out["lora_ratio_source"] = (
                f"results/full/headline_lora_variants.json, plugin {served_lora_ops} (served)"
            )
    weights = results.get("headline_weights")
    if weights and weights.get("repeats"):
        reps = weights["repeats"]
        figures["single_stream_decode_tok_s_int8"] = _per_repeat(
            reps, lambda r: _decode_tok_s(r["int8"]["base"])
        )
        figures["int8_vs_bf16_single_stream_decode_ratio"] = _per_repeat(
            reps,
            lambda r: ratio(_decode_tok_s(r["int8"]["base"]), _decode_tok_s(r["bf16"]["base"])),
        )
        out["single_stream_lora_decode_tok_s_int8_spread"] = _per_repeat(
            reps, lambda r: _decode_tok_s(r["int8"]["lora"])
        )
        out["single_stream_bf16_side_by_side_tok_s_spread"] = _per_repeat(
            reps, lambda r: _decode_tok_s(r["bf16"]["base"])
        )
    batching = results.get("headline_batching")
    if batching and batching.get("repeats"):
        level, reps = batching["level"], batching["repeats"]
        figures["vllm_vs_static_batch_throughput_ratio_c32"] = _per_repeat(
            reps,
            lambda r: ratio(_tput(r["vllm"]), _tput(r["transformers"].get(f"static_b{level}"))),
        )
        figures["vllm_vs_pipeline_throughput_ratio_c32"] = _per_repeat(
            reps, lambda r: ratio(_tput(r["vllm"]), _tput(r["transformers"].get("pipeline")))
        )
        out["pipeline_ratio_level"] = out["static_batch_ratio_level"] = level
    streams = results.get("headline_streams")
    if streams and "streams" in streams:
        out["concurrent_streams_100_errors"] = streams["errors"] + streams["truncated"]
        out["concurrent_streams_counted"] = "real vLLM (headline run)"
        out["concurrent_streams_n"] = streams["streams"]
        out["concurrent_streams_error_details"] = streams.get("error_details")
    budgets = results.get("latency_budgets")
    if budgets:
        lora_single = out.get("single_stream_lora_decode_tok_s_spread")
        tpot = 1000 / lora_single["median"] if lora_single else None
        out["latency_budgets_ms"] = {
            "triage": budgets["triage_ms"],
            # the same turns routed with the reading layer (a reading server was up), interleaved
            "triage_with_reading_layer": budgets.get("triage_with_reading_layer_ms"),
            "condition_retrieval": budgets["condition_retrieval_ms"],
            "guard_checker_cpu": budgets["guard"]["checker_ms_to_first_release"],
            "guard_first_sentence_wait": guard_ttft_added_ms(budgets, tpot) if tpot else None,
            "guard_tpot_ms_used": tpot,
        }
    for key, figure in figures.items():
        if figure is not None:
            out[key] = figure["median"]
            out[f"{key}_spread"] = figure
    out["headline_keys"] = sorted(k for k, f in figures.items() if f is not None)
    return out
