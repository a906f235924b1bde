"""Every suite `python -m benchmarks` runs, by the name of the results file it writes.

The one list: the CLI runs from it and `report.py` reads the results it names (plus the
tuning suite's repeats, `tuning_recheck*.json`, which `--variants` writes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.context import Context
from benchmarks.suites import (
    agent_stack,
    headline,
    latency_budgets,
    lora_variants,
    physical,
    transformers_baseline,
    tuning,
    vllm_serving,
    weights,
)

SUITES: dict[str, Callable[[Context], dict[str, Any]]] = {
    "physical": physical.run,
    "transformers": transformers_baseline.run,
    "tuning": tuning.run,
    "vllm": vllm_serving.run,
    "agent": agent_stack.run,
    "latency_budgets": latency_budgets.run,
    "headline": headline.run,
    "headline_slots": headline.run_slots,
    "headline_lora_ops": headline.run_vllm_lora_ops,
    "headline_batching": headline.run_batching,
    "headline_streams": headline.run_streams,
    "headline_weights": weights.run,
    "headline_lora_variants": lora_variants.run,
}
