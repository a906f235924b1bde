"""The LLM router on the real base model (vLLM guided decoding), measured on part of dev.jsonl.

The 0.5B model's judgment is not under test (the classifier is the embedded default because of
it); what must hold is the mechanism: every call returns a schema-valid choice through
structured output (no fallback), and the decisions map onto real experts. The per-class report
is written to test-artifacts/llm_router_eval.txt for the record (a small stratified sample:
CPU prefill makes each routing call take tens of seconds on the embedded default).
"""

from __future__ import annotations

import pytest

from agents.registry import ALL_EXPERTS, DOMAIN_OF
from config.settings import Settings
from evals.routing import evaluate
from graph.routing import build_router
from graph.routing.classifier import DEV_PATH, load_rows
from tests.integration.conftest import artifact

pytestmark = pytest.mark.integration

PER_CLASS = 1  # one turn per expert: each costs ~30 s of CPU prefill for the router prompt here


def test_llm_router_returns_structured_choices(e2e_settings: Settings, vllm_url: str) -> None:
    settings = e2e_settings.updated(
        llm={"openai_api_base": vllm_url, "max_tokens": 96}, router={"mode": "llm"}
    )
    router = build_router(settings)
    assert router.name == "llm"
    rows = [
        r
        for expert in ALL_EXPERTS
        for r in [r for r in load_rows(DEV_PATH) if r["expert"] == expert][:PER_CLASS]
    ]
    report, misses = evaluate(router, rows, safety=False)
    text = "\n\n".join(
        [
            f"LLM router ({settings.llm.base_model_name}), {len(rows)} dev turns, router only",
            report.summary(),
            report.table(ALL_EXPERTS),
            report.table(("travel", "medical", "emergency", "other"), DOMAIN_OF),
            "misrouted:\n" + "\n".join(misses),
        ]
    )
    artifact("llm_router_eval.txt").write_text(text, encoding="utf-8")
    print(text)
    assert report.fallbacks == 0, "structured output must parse on every turn"
    assert all(p and p <= set(ALL_EXPERTS) for p in report.predicted)
