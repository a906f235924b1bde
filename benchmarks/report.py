"""summary.json, RESULTS.md and the plot, from whatever suites of a profile have results."""

from __future__ import annotations

import json
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.headline_report import headline_markdown
from benchmarks.headline_summary import headline
from benchmarks.model_out_summary import model_out_overheads
from benchmarks.registry import SUITES
from benchmarks.summary import contract, targets
from benchmarks.ttft_steps_summary import ttft_steps_figures
from config.settings import REPO_ROOT


def load(out_dir: Path) -> dict[str, dict[str, Any]]:
    kept = ("tuning_recheck*.json", "headline_plugin_*.json")  # repeats and kept older runs
    names = [*SUITES, *sorted(p.stem for pattern in kept for p in out_dir.glob(pattern))]
    return {
        name: json.loads((out_dir / f"{name}.json").read_text("utf-8"))
        for name in names
        if (out_dir / f"{name}.json").exists()
    }


def _f(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _row(label: str, s: dict[str, Any]) -> str:
    cells = [
        label,
        _f(s.get("completed")),
        _f(s.get("mean_output_tokens")),
        _f(s.get("output_tok_s")),
        _f(s.get("ttft_ms_p50"), 0),
        _f(s.get("ttft_ms_p99"), 0),
        _f(s.get("ttft_queued_ms_p50"), 0),
        _f(s.get("tpot_ms_p50")),
        _f(s.get("tpot_ms_p99")),
    ]
    return "| " + " | ".join(cells) + " |"


HEAD = (
    "| run | done | mean out tok | out tok/s | TTFT p50 ms | TTFT p99 ms | TTFT incl. queue p50 ms "
    "| TPOT p50 ms | TPOT p99 ms |\n|---|---|---|---|---|---|---|---|---|"
)


def markdown(profile: str, results: dict[str, dict[str, Any]], summary: dict[str, Any]) -> str:
    lines = [f"# Benchmark results ({profile} profile, {summary['date']})", ""]
    m = summary.get("machine", {})
    lines += [f"Machine: {m}", "", "## Results contract", ""]
    lines += ["| key | value | target | met |", "|---|---|---|---|"]
    for key, t in summary["targets"].items():
        lines.append(f"| `{key}` | {_f(t['value'], 2)} | {t['target']} | {t['met']} |")
    lines += headline_markdown(summary)
    if "vllm" in results or "transformers" in results:
        lines += ["", "## vLLM vs transformers (realistic workload)", "", HEAD]
        for row in results.get("vllm", {}).get("scaling", []):
            lines.append(_row(f"vLLM c={row['concurrency']}", row["summary"]))
        for name, run in results.get("transformers", {}).get("runs", {}).items():
            lines.append(_row(f"transformers {name}", run["summary"]))
    if "vllm" in results:
        lines += ["", "## LoRA cost (same server)", "", HEAD]
        for name, rows in results["vllm"]["lora"].items():
            for row in rows:
                lines.append(_row(f"{name} c={row['concurrency']}", row["summary"]))
        lines += ["", f"Knee: {results['vllm']['knee']}", "", "![scaling](scaling.png)"]
    if "agent" in results:
        a = results["agent"]
        lines += ["", "## Agent stack", ""]
        if "overhead" in a:
            o = a["overhead"]
            lines.append(
                f"- TTFT via /chat p50 {_f(o['api_ttft_ms_p50'], 0)} ms vs straight to vLLM "
                f"{_f(o['direct_ttft_ms_p50'], 0)} ms: overhead p50 "
                f"{_f(o['ttft_overhead_ms_p50'], 1)} ms, p99 {_f(o['ttft_overhead_ms_p99'], 1)} ms "
                f"({o['prompts']} prompts, same request bodies); stream rate via API "
                f"{_f(o['api_stream_chunks_s_p50'])} chunks/s vs direct "
                f"{_f(o['direct_stream_tok_s_p50'])} tok/s"
            )
        fake = a.get("fake_model", {})
        if fake:
            lines.append(
                f"- graph + API with the fake model: {_f(fake['ms_per_turn_p50'])} ms/turn p50, "
                f"{_f(fake['ms_per_turn_p99'])} p99 over {fake['turns']} sequential turns (failed: "
                f"{fake.get('turns_failed') or 'none'}); idle RSS "
                f"{_f(fake['api_rss_mib_idle'], 0)} MiB"
            )
        for label, s in (
            ("fake model", fake.get("streams")),
            ("real vLLM", a.get("real_model_streams")),
        ):
            if s:
                lines.append(
                    f"- {s['streams']} concurrent /chat streams ({label}): completed "
                    f"{s['completed']}, errors {s['errors']}, truncated {s['truncated']}, latency "
                    f"p50 {_f(s['latency_ms_p50'], 0)} ms p99 {_f(s['latency_ms_p99'], 0)} ms, "
                    f"API RSS peak {_f(s['api_rss_mib_peak'], 0)} MiB; errors by type: "
                    f"{s['error_details'] or 'none'}"
                )
        lines.append(f"- API limits raised for these runs: `{a['api_env_for_benchmark']}`")
    for name in [n for n in results if n.startswith("tuning")]:
        t = results[name]
        title = "Tuning" if name == "tuning" else "Tuning, repeated"
        lines += ["", f"## {title} (c={t['concurrency']}, {t['requests']} requests each)", ""]
        lines += [HEAD.replace("| run |", "| variant |")]
        for row in t["stage1_binding"] + t["stage2_on_winner"]:
            flag = " ✔" if row.get("clearly_better") else ""
            lines.append(_row(f"{row['variant']}{flag}", row["summary"]))
        lines += ["", f"Binding winner: {t['binding_winner']}. Rule: {t['rule']}."]
    if "physical" in results:
        p = results["physical"]
        flops = ", ".join(f"{k} {_f(v, 0)} GFLOP/s" for k, v in p["matmul_gflop_s"].items())
        lines += [
            "",
            "## Physical context",
            "",
            f"- memory bandwidth (copy, best): {_f(p['memory_bandwidth']['best_gb_s'])} GB/s",
            f"- matmul: {flops} (n={p['matmul_n']}, {p['threads']} threads)",
            f"- weights {p['weight_bytes']['safetensors'] / 1e9:.2f} GB → decode bound "
            f"{_f(p['decode_bound_tok_s'])} tok/s ({p['bound_method']}); without the input "
            f"embedding {_f(p['decode_bound_without_embedding_tok_s'])} tok/s",
        ]
    return "\n".join(lines) + "\n"


def plot(python: Path, results: dict[str, dict[str, Any]], out: Path, title: str) -> None:
    vllm, hf, phys = results.get("vllm"), results.get("transformers"), results.get("physical")
    if not vllm:
        return

    def point(c: int, s: dict[str, Any]) -> list[Any]:
        return [c, s.get("output_tok_s") or 0, s.get("tpot_ms_p50") or 0]

    runs = hf["runs"] if hf else {}
    series = {
        "title": title,
        "vllm": [point(r["concurrency"], r["summary"]) for r in vllm["scaling"]],
        "static": [
            point(int(k.removeprefix("static_b")), v["summary"])
            for k, v in runs.items()
            if k.startswith("static_b")
        ],
        "pipeline": point(1, runs["pipeline"]["summary"]) if "pipeline" in runs else None,
        "knee": vllm["knee"]["concurrency"] if vllm["knee"]["flattened"] else None,
        "decode_bound": phys["decode_bound_tok_s"] if phys else None,
    }
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / "series.json"
        spec.write_text(json.dumps(series), "utf-8")
        subprocess.run(
            [str(python), "-m", "benchmarks.venv_scripts.plot", str(spec), str(out)],
            cwd=REPO_ROOT,
            check=True,
        )


def write(profile: str, out_dir: Path, summary_dir: Path, python: Path) -> dict[str, Any]:
    results = load(out_dir)
    values = contract(results)
    if any(name.startswith(("headline", "latency_budgets")) for name in results):
        bound = results.get("physical", {}).get("decode_bound_tok_s")
        # The plugin A/B of 12-02 (11:52-13:09) does not replace the contract's LoRA ratio and
        # single-stream figures: the box's load moved within its sessions (4 -> 15, 12 -> 6), so
        # its absolute tok/s measure the load (base tok/s moved as much as LoRA, though base
        # batches never run the plugin); pass `served_lora_ops` for a run on a steadier box.
        values |= headline(results, bound, served_lora_ops=None)
    values |= model_out_overheads(summary_dir)
    values |= ttft_steps_figures(summary_dir)  # newer than the headline runs' overhead
    summary: dict[str, Any] = {
        "profile": profile,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": results.get("physical", {}).get("machine"),
        "memory_bandwidth_gb_s": results.get("physical", {})
        .get("memory_bandwidth", {})
        .get("best_gb_s"),
        "matmul_gflop_s": results.get("physical", {}).get("matmul_gflop_s"),
        "decode_bound_tok_s": results.get("physical", {}).get("decode_bound_tok_s"),
        "suites": sorted(results),
        **values,
        "targets": targets(values),
        "notes": "why each missed target is missed and what would reach it: "
        "benchmarks/README.md, section 'Targets'",
    }
    summary_dir.mkdir(parents=True, exist_ok=True)
    (summary_dir / "summary.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    (summary_dir / "RESULTS.md").write_text(markdown(profile, results, summary), "utf-8")
    plot(python, results, summary_dir / "scaling.png", f"Qwen2.5-Coder-0.5B, {profile} profile")
    return summary
