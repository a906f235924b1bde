"""The results contract of issue 6, computed from the suites' JSON (pure: no I/O, no model).

Ratios are taken at concurrency 32 / 16 when the profile measured them, else at the highest
level both sides measured (the smoke profile), and the level used is reported beside each key.
"""

from __future__ import annotations

from typing import Any

CONTRACT_KEYS = (
    "vllm_vs_pipeline_throughput_ratio_c32",
    "vllm_vs_static_batch_throughput_ratio_c32",
    "lora_vs_base_throughput_ratio_c16",
    "api_ttft_overhead_ms_p50",
    "concurrent_streams_100_errors",
    "decode_bandwidth_fraction",
)
# (key, comparison, target) for the embedded default on the 2-core box.
TARGETS = (
    ("vllm_vs_pipeline_throughput_ratio_c32", ">=", 15.0),
    ("vllm_vs_static_batch_throughput_ratio_c32", ">=", 2.0),
    ("lora_vs_base_throughput_ratio_c16", ">=", 0.75),
    ("decode_bandwidth_fraction", ">=", 0.70),
    ("api_ttft_overhead_ms_p50", "<=", 30.0),
    ("concurrent_streams_100_errors", "<=", 0),
)


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _tput(run: dict[str, Any] | None) -> float | None:
    return run["summary"].get("output_tok_s") if run else None


def _at(rows: list[dict[str, Any]], level: int) -> dict[str, Any] | None:
    return next((r for r in rows if r["concurrency"] == level), None)


def _pick(levels: set[int], wanted: int) -> int | None:
    return wanted if wanted in levels else max(levels, default=None)


def contract(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(CONTRACT_KEYS)
    vllm, hf = results.get("vllm"), results.get("transformers")
    agent, physical = results.get("agent"), results.get("physical")
    if vllm and hf:
        statics = {
            int(k.removeprefix("static_b")): v for k, v in hf["runs"].items() if k != "pipeline"
        }
        scaling = vllm["scaling"]
        level = _pick({r["concurrency"] for r in scaling} & set(statics), 32)
        top = _pick({r["concurrency"] for r in scaling}, 32)
        if top is not None:
            out["vllm_vs_pipeline_throughput_ratio_c32"] = _ratio(
                _tput(_at(scaling, top)), _tput(hf["runs"].get("pipeline"))
            )
            out["pipeline_ratio_level"] = top
        if level is not None:
            out["vllm_vs_static_batch_throughput_ratio_c32"] = _ratio(
                _tput(_at(scaling, level)), _tput(statics[level])
            )
            out["static_batch_ratio_level"] = level
    if vllm:
        lora = vllm["lora"]
        level = _pick({r["concurrency"] for r in lora["base"]}, 16)
        if level is not None:
            base = _tput(_at(lora["base"], level))
            out["lora_vs_base_throughput_ratio_c16"] = _ratio(
                _tput(_at(lora["medical-expert"], level)), base
            )
            out["lora_mix_vs_base_throughput_ratio_c16"] = _ratio(
                _tput(_at(lora["mix"], level)), base
            )
            out["lora_ratio_level"] = level
        single = _at(vllm["scaling"], 1)
        tpot = single["summary"].get("tpot_ms_p50") if single else None
        if tpot:
            out["single_stream_decode_tok_s"] = 1000 / tpot
            if physical:
                out["decode_bandwidth_fraction"] = (
                    out["single_stream_decode_tok_s"] / physical["decode_bound_tok_s"]
                )
        out["knee"] = vllm.get("knee")
    if physical and "weight_bytes" in physical:
        # bf16 weights: 2 bytes per parameter, 2 FLOPs per parameter per token, so the FLOPs
        # per token equal the bytes of the weights that are multiplied (not the input embedding).
        w = physical["weight_bytes"]
        flops_per_token = w["safetensors"] - (0 if w["tied_embeddings"] else w["input_embedding"])
        bf16 = physical["matmul_gflop_s"]["bf16"] * 1e9
        out["compute_bound_tok_s"] = bf16 / flops_per_token
        at32 = _at(vllm["scaling"], 32) if vllm else None
        if at32 and at32["summary"].get("output_tok_s"):
            out["vllm_c32_compute_bound_fraction"] = (
                at32["summary"]["output_tok_s"] / (out["compute_bound_tok_s"])
            )
    if agent:
        if "overhead" in agent:
            out["api_ttft_overhead_ms_p50"] = agent["overhead"]["ttft_overhead_ms_p50"]
        real, fake = agent.get("real_model_streams"), agent.get("fake_model", {}).get("streams")
        counted = real or fake
        if counted:
            out["concurrent_streams_100_errors"] = counted["errors"] + counted["truncated"]
            out["concurrent_streams_counted"] = "real vLLM" if real else "fake model"
            out["concurrent_streams_n"] = counted["streams"]
            out["concurrent_streams_error_details"] = counted.get("error_details")
        if fake:
            out["concurrent_streams_fake_model_errors"] = fake["errors"] + fake["truncated"]
    return out


def targets(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    checked = {}
    for key, op, target in TARGETS:
        value = values.get(key)
        met = None if value is None else (value >= target if op == ">=" else value <= target)
        checked[key] = {"value": value, "target": f"{op} {target}", "met": met}
    return checked
