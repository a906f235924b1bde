"""The scripted conversations against the real vLLM server (base model + medical-expert LoRA).

The same runner as the unit suite. With a real 0.5B model only deterministic things are checked:
the route of every turn, safety events and their order, that each routed expert streams text
from its own model, and the fixed emergency text. Answers are kept short (max_tokens) because
their wording is not under test; the pipeline is.

On this CPU vLLM prefills at ~10-15 tokens/s (bf16 is emulated), so one travel turn with its
fact sheet costs ~25 s and all 42 scripts ~40 min. `make test` therefore plays a smoke set that
covers every tag (emergencies and injections are free: no model call); TG_E2E_CONVERSATIONS=all
plays every script.
"""

from __future__ import annotations

import json
import os
from typing import Any

import httpx
import pytest
from httpx_sse import connect_sse
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph

from config.settings import Settings
from graph.builder import build_graph
from tests.conversation_runner import load_scripts, play

pytestmark = pytest.mark.integration

# One or more per tag: emergency (zh/en/mixed, refused help, escalation within a thread),
# injection, out_of_scope, lookalike, follow-ups (zh/en, medical), multi-intent, long message,
# mixed language, topic switch, practicalities.
SMOKE = {
    "emergency-chest-pain-newyork-en",
    "emergency-stroke-hangzhou-zh",
    "emergency-refuse-escalation-en",
    "emergency-sjs-escalation-en",
    "emergency-snakebite-chiangmai-mixed",
    "injection-fake-emergency-override-en",
    "injection-system-poem-en",
    "oos-stocks-poem-en",
    "lookalike-nonemergency-zh",
    "followup-skin-duration-zh",
    "followup-second-day-kyoto-en",
    "multi-seafood-allergy-xiamen-zh",
    "long-skin-description-en",
    "switch-dali-bites-zh",
    "practicalities-harbin-winter-zh",
}
WHICH = os.environ.get("TG_E2E_CONVERSATIONS", "smoke")
SCRIPTS = [s for s in load_scripts() if WHICH == "all" or s["name"] in SMOKE]
ANSWER_TOKENS = 8
# A 1,600-character Chinese story is ~2,000 prompt tokens: minutes of CPU prefill.
LLM_TIMEOUT_S = 600.0


@pytest.fixture(scope="module")
def real_graph(e2e_settings: Settings, vllm_url: str) -> CompiledStateGraph:
    settings = e2e_settings.updated(
        llm={"openai_api_base": vllm_url, "max_tokens": ANSWER_TOKENS, "timeout_s": LLM_TIMEOUT_S}
    )
    return build_graph(settings, checkpointer=InMemorySaver())


def test_the_smoke_set_names_real_scripts() -> None:
    assert {s["name"] for s in load_scripts()} >= SMOKE


@pytest.mark.parametrize("script", SCRIPTS, ids=[s["name"] for s in SCRIPTS])
async def test_conversation_on_the_real_model(
    real_graph: CompiledStateGraph, script: dict[str, Any]
) -> None:
    problems = await play(real_graph, script)
    assert not problems, "\n".join(problems)


def test_api_sends_the_safety_event_before_any_token(api: httpx.Client) -> None:
    body = {"message": "I'm in New York. My dad has crushing chest pain and is sweating a lot."}
    with connect_sse(api, "POST", "/chat", json=body) as source:
        events = [(e.event, json.loads(e.data)) for e in source.iter_sse() if e.data]
    names = [n for n, _ in events]
    customs = [d for n, d in events if n == "custom"]
    assert names[0] == "metadata"
    assert names[-1] == "end"
    assert [c["type"] for c in customs] == ["safety", "route"]
    assert names.index("custom") < names.index("messages")
    assert "911" in customs[0]["message"]
    text = "".join(d[0]["content"] for n, d in events if n == "messages")
    assert "911" in text
