"""RESULTS.md's tables of the issue-14 figures: median, min and max of the repeats, and budgets."""

from __future__ import annotations

from typing import Any

# (summary key, label, digits)
FIGURES = (
    ("lora_vs_base_throughput_ratio_c16", "LoRA ÷ base output tok/s, c=16", 2),
    ("single_stream_decode_tok_s", "single-stream decode tok/s (base, LoRA server)", 1),
    ("decode_bandwidth_fraction", "… ÷ bandwidth bound", 2),
    ("api_ttft_overhead_ms_p50", "API TTFT overhead p50, ms (/chat − direct; chars triage)", 1),
    ("api_ttft_served_no_model_turn_ms_p50", "… a turn answered without a model, as served", 1),
    ("api_ttft_chars_no_model_turn_ms_p50", "… the same turns, chars triage (no reading layer)", 1),
    ("vllm_vs_static_batch_throughput_ratio_c32", "vLLM ÷ static batching, c=32", 2),
    ("vllm_vs_pipeline_throughput_ratio_c32", "vLLM ÷ one-at-a-time pipeline, c=32", 2),
    ("single_stream_decode_tok_s_int8", "single-stream decode tok/s, int8 weights (opt-in)", 1),
    ("int8_vs_bf16_single_stream_decode_ratio", "int8 ÷ bf16 single-stream decode", 2),
)


def _f(value: Any, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _spread_cells(s: dict[str, Any] | None, digits: int) -> list[str]:
    if not s:
        return ["–", "–", "–", "0"]
    return [_f(s["median"], digits), _f(s["min"], digits), _f(s["max"], digits), str(s["repeats"])]


def _cell(s: dict[str, Any] | None, digits: int) -> str:
    if not s:
        return "–"
    return f"{_f(s['median'], digits)} ({_f(s['min'], digits)}–{_f(s['max'], digits)})"


AB_ROWS = (
    ("lora_vs_base", "LoRA ÷ base, c=16", 2),
    ("lora_tok_s", "LoRA tok/s, c=16", 1),
    ("base_tok_s", "base tok/s, c=16", 1),
    ("single_base_tok_s", "single stream, base tok/s", 2),
    ("single_lora_tok_s", "single stream, LoRA tok/s", 2),
    ("load_1min", "load average (1 min)", 1),
)


def plugin_ab_markdown(ab: dict[str, Any]) -> list[str]:
    """The LoRA plugin versions side by side: median (min–max) over each one's sessions."""
    versions = [v for v in ("grouped", "cached") if v in ab]
    if not versions:
        return []
    lines = [
        "",
        "### LoRA plugin versions on the real server (fresh server per session, interleaved)",
        "",
        "| figure | " + " | ".join(f"{v} ({ab[v]['sessions']} sessions)" for v in versions) + " |",
        "|---|" + "---|" * len(versions),
    ]
    for key, label, digits in AB_ROWS:
        lines.append(
            f"| {label} | " + " | ".join(_cell(ab[v][key], digits) for v in versions) + " |"
        )
    paired = ab.get("cached_vs_grouped") or {}
    for key, label in (("lora_vs_base", "ratio"), ("lora_tok_s", "LoRA tok/s")):
        if paired.get(key):
            lines.append(f"| cached ÷ grouped, {label}, per repeat | {_cell(paired[key], 2)} | |")
    if "greedy_probe_identical" in ab:
        lines.append(f"\nGreedy probe answers identical: {ab['greedy_probe_identical']}.")
    return lines


def headline_markdown(summary: dict[str, Any]) -> list[str]:
    if not summary.get("headline_keys") and "latency_budgets_ms" not in summary:
        return []
    targets = summary.get("targets", {})
    lines = [
        "",
        "## Headline figures (issue 14: medians of interleaved repeats, forced output lengths)",
        "",
        "| figure | median | min | max | repeats | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label, digits in FIGURES:
        t = targets.get(key, {})
        measured = summary.get(f"{key}_spread")
        cells = " | ".join(_spread_cells(measured, digits))
        met = t.get("met", "") if measured else "not measured in the headline run"
        lines.append(f"| {label} | {cells} | {t.get('target', '')} | {met} |")
    lora = summary.get("single_stream_lora_decode_tok_s_spread")
    if lora:
        cells = " | ".join(_spread_cells(lora, 1))
        lines.append(f"| single-stream decode tok/s (medical-expert) | {cells} | | |")
    slots = summary.get("lora_c16_by_max_loras") or {}
    if slots:
        lines += [
            "",
            "### What the LoRA slot count costs (c=16, same prompts, forced lengths)",
            "",
            "| --max-loras | LoRA ÷ base (median, min–max) | LoRA tok/s | base tok/s |",
            "|---|---|---|---|",
        ]
        rows = sorted(slots.items())
        own = summary.get("lora_c16_vllm_own_lora_ops")
        if own:
            rows.append((f"{own.get('max_loras')}, vLLM's own LoRA ops (no plugin)", own))
        for n, fig in rows:
            figs = [fig.get(k) for k in ("lora_vs_base", "lora_tok_s", "base_tok_s")]
            lines.append(
                f"| {n} | "
                + " | ".join(
                    f"{_f(c['median'], 2)} ({_f(c['min'], 2)}–{_f(c['max'], 2)})" if c else "–"
                    for c in figs
                )
                + " |"
            )
    lines += plugin_ab_markdown(summary.get("lora_plugin_ab") or {})
    budgets = summary.get("latency_budgets_ms")
    if budgets:
        lines += [
            "",
            "### Latency budgets of the per-turn steps (TTFT each adds, ms)",
            "",
            "| step | p50 | p95 | n |",
            "|---|---|---|---|",
        ]
        for name, b in budgets.items():
            if isinstance(b, dict):
                lines.append(f"| {name} | {_f(b['p50'], 1)} | {_f(b['p95'], 1)} | {b['n']} |")
        tpot = budgets.get("guard_tpot_ms_used")
        if tpot:
            lines.append(
                f"\nguard_first_sentence_wait = pieces held back before the first released "
                f"sentence × the LoRA single-stream TPOT ({tpot:.1f} ms) + checker CPU."
            )
    return lines
