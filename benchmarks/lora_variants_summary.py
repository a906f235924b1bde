"""The v1 vs v3 LoRA plugin A/B (suite `headline_lora_variants`) as summary figures. Pure.

Each version's figures are medians of its own sessions (a fresh server each, interleaved with the
other version's); the comparison is taken per repeat (the two sessions of one repeat ran back to
back) and then its median. The served version's figures are the newest measurement of the
served configuration, so `served_figures` hands them to the contract keys.
"""

from __future__ import annotations

from typing import Any

from benchmarks.spread import ratio, spread

Run = dict[str, Any]


def _tput(run: Run) -> float | None:
    return run["summary"].get("output_tok_s")


def _decode(run: Run) -> float | None:
    tpot = run["summary"].get("tpot_ms_p50")
    return 1000 / tpot if tpot else None


def _per_version(sessions: list[Run]) -> dict[str, Any]:
    pair = [s["lora_pair"] for s in sessions]
    single = [s["single_stream"] for s in sessions]
    return {
        "sessions": len(sessions),
        "lora_vs_base": spread([ratio(_tput(p["lora"]), _tput(p["base"])) for p in pair]),
        "lora_tok_s": spread([_tput(p["lora"]) for p in pair]),
        "base_tok_s": spread([_tput(p["base"]) for p in pair]),
        "single_base_tok_s": spread([_decode(p["base"]) for p in single]),
        "single_lora_tok_s": spread([_decode(p["lora"]) for p in single]),
        "load_1min": spread([s[k][0] for s in sessions for k in ("load_before", "load_after")]),
    }


def variant_figures(suite: Run) -> dict[str, Any]:
    sessions = suite.get("sessions", [])
    versions = suite.get("versions", [])
    by_version = {v: [s for s in sessions if s["version"] == v] for v in versions}
    out: dict[str, Any] = {v: _per_version(ss) for v, ss in by_version.items() if ss}
    if len(versions) == 2:
        old, new = versions
        repeats = sorted({s["repeat"] for s in sessions})

        def per_repeat(fn: Any) -> dict[str, Any] | None:
            values = []
            for r in repeats:
                a = [s for s in by_version[old] if s["repeat"] == r]
                b = [s for s in by_version[new] if s["repeat"] == r]
                if a and b:
                    values.append(ratio(fn(b[0]), fn(a[0])))
            return spread(values)

        out[f"{new}_vs_{old}"] = {
            "lora_tok_s": per_repeat(lambda s: _tput(s["lora_pair"]["lora"])),
            "base_tok_s": per_repeat(lambda s: _tput(s["lora_pair"]["base"])),
            "lora_vs_base": per_repeat(
                lambda s: ratio(_tput(s["lora_pair"]["lora"]), _tput(s["lora_pair"]["base"]))
            ),
        }
        probes = {s["version"]: s["probe"] for s in sessions if s.get("probe")}
        if old in probes and new in probes:
            out["greedy_probe_identical"] = probes[old] == probes[new]
    return out


def served_figures(suite: Run, served: str) -> dict[str, Any]:
    """The contract's LoRA and single-stream figures from the served version's sessions."""
    mine = variant_figures(suite).get(served)
    if not mine:
        return {}
    return {
        "lora_vs_base_throughput_ratio_c16": mine["lora_vs_base"],
        "single_stream_decode_tok_s": mine["single_base_tok_s"],
        "single_stream_lora": mine["single_lora_tok_s"],
    }
