"""Tables of `ttft_steps.json`: the TTFT each step adds, and the overhead, per repeat and spread.

Every figure is first taken per repeat (p50 or p95 over that repeat's turns), then told as the
median of the repeats with their min and max, so the box's run-to-run drift shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.spread import spread
from benchmarks.stats import percentile

# (step, from mark, to mark): consecutive points a turn passes (ttft_marks.py).
STEPS: tuple[tuple[str, str, str], ...] = (
    ("HTTP, auth, admission", "request at the app", "admitted"),
    ("journal row + user message (durable before the graph)", "admitted", "user message saved"),
    (
        "  of which the journal row (own commit, before 12-02 speed-8)",
        "admitted",
        "journal row written",
    ),
    ("graph start (checkpoint read)", "user message saved", "node safety start"),
    ("safety rules (+ rules veto)", "node safety start", "node safety end"),
    ("step safety → route", "node safety end", "node route start"),
    ("route node (triage, routing)", "node route start", "node route end"),
    ("step route → expert", "node route end", "node expert start"),
    ("expert node up to the model request", "node expert start", "model request sent"),
    (
        "MODEL: request → first chunk at the guard",
        "model request sent",
        "first model chunk at the guard",
    ),
    (
        "guard: first chunk → first release",
        "first model chunk at the guard",
        "guard releases the first text",
    ),
    ("release → first token in the run", "guard releases the first text", "first token in the run"),
    (
        "no-model expert node → first token in the run",
        "node expert start",
        "first token in the run",
    ),
    ("SSE framing", "first token in the run", "first token framed"),
    ("frame → client reads it", "first token framed", "client reads the first token"),
)
MODEL_STEP = STEPS[9][0]
NO_MODEL_STEP = STEPS[12][0]


def step_values(row: dict[str, Any]) -> dict[str, float]:
    marks = row["marks_ms"]
    out = {}
    for name, start, end in STEPS:
        if name == NO_MODEL_STEP and row["model_call"]:
            continue
        if name != NO_MODEL_STEP and not row["model_call"] and start == "node expert start":
            continue
        if start in marks and end in marks:
            out[name] = marks[end] - marks[start]
    for name, ms in row["durations_ms"].items():
        out[f"  of which {name}"] = ms
    if row["model_call"] and "client reads the first token" in marks:
        model = out.get(MODEL_STEP, 0.0)
        out["API's own steps (TTFT − model step)"] = marks["client reads the first token"] - model
    return out


Group = tuple[str, int, str, bool]  # backend, load, side, model turn


def grouped(rows: Sequence[dict[str, Any]]) -> dict[Group, dict[int, list[dict[str, Any]]]]:
    out: dict[Group, dict[int, list[dict[str, Any]]]] = {}
    for r in rows:
        if r["api_ttft_ms"] is None:
            continue
        key = (r["backend"], r["load"], r["side"], r["model_call"])
        out.setdefault(key, {}).setdefault(r["repeat"], []).append(r)
    return out


def per_repeat(reps: dict[int, list[dict[str, Any]]], pick: Any, q: float) -> dict[str, Any] | None:
    return spread(
        [
            percentile([v for r in rs if (v := pick(r)) is not None], q)
            if any(pick(r) is not None for r in rs)
            else None
            for rs in reps.values()
        ]
    )


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (backend, load, side, model), reps in sorted(grouped(result["rows"]).items()):
        names: list[str] = []
        for rs in reps.values():
            for r in rs:
                names += [n for n in step_values(r) if n not in names]
        entry: dict[str, Any] = {
            "turns": sum(len(rs) for rs in reps.values()),
            "api_ttft_ms_p50": per_repeat(reps, lambda r: r["api_ttft_ms"], 50),
            "steps": {
                n: {
                    "p50": per_repeat(reps, lambda r, n=n: step_values(r).get(n), 50),
                    "p95": per_repeat(reps, lambda r, n=n: step_values(r).get(n), 95),
                }
                for n in names
            },
        }
        if model:
            entry |= {
                "overhead_ms_p50": per_repeat(reps, lambda r: r.get("overhead_ms"), 50),
                "overhead_ms_p95": per_repeat(reps, lambda r: r.get("overhead_ms"), 95),
                "direct_ttft_ms_p50": per_repeat(reps, lambda r: r.get("direct_ttft_ms"), 50),
                "held_chunks_p50": per_repeat(reps, lambda r: r.get("held_chunks"), 50),
            }
        kind = "model turns" if model else "no-model turns"
        out[f"{backend} | load {load} | {side} | {kind}"] = entry
    return out


def _fmt(s: dict[str, Any] | None) -> str:
    if not s:
        return "–"
    return f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})"


def write_report(result: dict[str, Any], path: Path) -> str:
    summary = summarise(result)
    result["summary"] = summary
    lines = [
        f"# API TTFT, step by step ({result['date']} – {result['finished']})",
        "",
        f"Stand-in: first chunk {result['stand_in']['ttft_ms']:.0f} ms, then one chunk every "
        f"{result['stand_in']['tpot_ms']:.0f} ms. Every cell: median of the {result['repeats']} "
        "repeats' p50 (or p95), min–max of the repeats in brackets, ms.",
        "",
    ]
    for name, entry in summary.items():
        lines += [f"## {name} ({entry['turns']} turns)", ""]
        for key in (
            "overhead_ms_p50",
            "overhead_ms_p95",
            "direct_ttft_ms_p50",
            "api_ttft_ms_p50",
            "held_chunks_p50",
        ):
            if key in entry:
                lines.append(f"- {key}: {_fmt(entry[key])}")
        lines += ["", "| step | p50 | p95 |", "|---|---|---|"]
        for step, s in entry["steps"].items():
            lines.append(f"| {step} | {_fmt(s['p50'])} | {_fmt(s['p95'])} |")
        lines.append("")
    load = result.get("box_load") or []
    if load:
        lines += ["Box: 1-min load at the start / end of each block, background turns run:", ""]
        lines += [
            f"- repeat {x['repeat'] + 1} {x['backend']} load {x['load']}: "
            f"{x['load_1min'][0]:.1f} / {x['load_1min'][1]:.1f}, {x['background_turns']} turns"
            for x in load
        ]
    text = "\n".join(lines) + "\n"
    path.write_text(text)
    return text
