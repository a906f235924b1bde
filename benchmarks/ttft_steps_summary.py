"""summary.json's API TTFT overhead from the newest `ttft_steps.json`, when there is one.

The contract figure `api_ttft_overhead_ms_p50` (with `_spread`: median, min, max of the
repeats' p50) is the served side (the guard release the settings default to) against vLLM
without background load: TTFT via `POST /chat` minus TTFT of the same body straight to vLLM.
Beside it, each side × backend × load of the run as `api_ttft_overhead_steps`, with the API's
own steps (TTFT minus the model's step) and the steps that add the most.

The contract run (12-02) predates the reading layer that `make run` starts beside vLLM (12-03):
its figure is triage by the chars alone. The reading layer's own run
(`ttft_steps_reading_layer.json`, every turn answered without a model, so TTFT via `/chat` is
all the API's) is put beside it as
`api_ttft_served_no_model_turn_ms_p50` (reading layer on, as served) and `…_chars_…` (off), so
the summary does not present the chars-only figure as the served one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from config.setting_groups import GraphSettings

FILE = "ttft_steps.json"
READING_FILE = "ttft_steps_reading_layer.json"
# the reading-layer run's sides: the served one (reading server set) and the chars alone
READING_SIDES = {"served": "token", "chars": "token-chars"}
OWN = "API's own steps (TTFT − model step)"


def served_release() -> str:
    return str(GraphSettings.model_fields["guard_release"].default)


def ttft_steps_figures(results_dir: Path) -> dict[str, Any]:
    path = results_dir / FILE
    if not path.exists():
        return {}
    run = json.loads(path.read_text("utf-8"))
    summary: dict[str, Any] = run.get("summary") or {}
    side = served_release()
    what = (
        f"benchmarks/results/{FILE}, {run['date']} – {run['finished']}, {run['repeats']} "
        f"interleaved repeats, side {side} (TG_GUARD_RELEASE default)"
    )
    out: dict[str, Any] = {}
    headline = summary.get(f"vllm | load 0 | {side} | model turns")
    if headline and headline.get("overhead_ms_p50"):
        spread = headline["overhead_ms_p50"]
        out["api_ttft_overhead_ms_p50"] = spread["median"]
        out["api_ttft_overhead_ms_p50_spread"] = {"what": what, **spread}
        out["api_ttft_overhead_source"] = f"results/{FILE}"
    steps: dict[str, Any] = {}
    for name, entry in summary.items():
        if "overhead_ms_p50" not in entry:
            continue
        own = entry["steps"].get(OWN, {})
        steps[name] = {
            "overhead_ms_p50": entry["overhead_ms_p50"],
            "overhead_ms_p95": entry["overhead_ms_p95"],
            "own_steps_ms_p50": own.get("p50"),
            "own_steps_ms_p95": own.get("p95"),
            "held_chunks_p50": entry.get("held_chunks_p50"),
        }
    if steps:
        out["api_ttft_overhead_steps"] = {"what": what, "groups": steps}
    if "api_ttft_overhead_ms_p50_spread" in out:
        out["api_ttft_overhead_ms_p50_spread"]["reading_layer"] = (
            "off: the run predates it; see api_ttft_served_no_model_turn_ms_p50"
        )
    return out | reading_layer_figures(results_dir)


def reading_layer_figures(results_dir: Path) -> dict[str, Any]:
    """TTFT via `/chat` of turns answered without a model, reading layer on (served) and off,
    idle vLLM box, from the reading layer's own run."""
    path = results_dir / READING_FILE
    if not path.exists():
        return {}
    run = json.loads(path.read_text("utf-8"))
    summary: dict[str, Any] = run.get("summary") or {}
    out: dict[str, Any] = {}
    for name, side in READING_SIDES.items():
        entry = summary.get(f"vllm | load 0 | {side} | no-model turns")
        if entry and entry.get("api_ttft_ms_p50"):
            spread = entry["api_ttft_ms_p50"]
            what = (
                f"benchmarks/results/{READING_FILE}, {run['date']} – {run['finished']}, "
                f"{run['repeats']} interleaved repeats, side {side}, no-model turns, no load"
            )
            out[f"api_ttft_{name}_no_model_turn_ms_p50"] = spread["median"]
            out[f"api_ttft_{name}_no_model_turn_ms_p50_spread"] = {"what": what, **spread}
    return out
