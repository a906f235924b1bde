"""Issue 14: what the per-turn steps before the first token cost — triage, condition retrieval,
and the response guard — timed in-process around the very functions the graph calls.

- triage: `build_router(settings).route(thread)` (the served default: the triage classifier; a
  triage *model*, when `TG_TRIAGE_MODEL` is set, is a model call and is not timed here); with a
  reading server (`TG_TRIAGE_MEANING_URL`, serving/embedder.py) the same turns are also routed
  by the router that leads with the reading layer, interleaved turn by turn with the chars-only
  router, so the layer's cost is read side by side in one run;
- condition retrieval: `condition_prompt(...)` of the medical expert (card search + prompt);
- guard: the first token the user sees waits for the answer's first clause in which no hazard
  pattern has begun (before 12-02: its first sentence). Real answers (the adapter's held-out
  references) are fed to the `SentenceGate` a token-sized piece at a time: the pieces held back
  before the first release, times the measured single-stream LoRA TPOT (in the summary), plus
  the gate's CPU time. `benchmarks/guard_release.py` compares before and after offline.
No model and no server: each step is pure CPU and adds its time straight to the TTFT.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from langchain_core.messages import HumanMessage

from agents.grounding import condition_prompt
from agents.guard import GuardContext, SentenceGate
from agents.knowledge.condition_search import default_search
from agents.registry import EXPERTS
from benchmarks.context import Context
from benchmarks.stats import percentile
from benchmarks.workload import load_prompts
from graph.routing import build_router
from serving.data.build_dataset import load_split

T = TypeVar("T")
# ≈ one model token: a CJK character, a word with its leading space, a number, a symbol.
# Qwen merges frequent Chinese pairs, so for Chinese this counts more pieces than tokens.
TOKEN_PIECE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|\s*[A-Za-z]+|\s*\d+|\s+|.", re.DOTALL)


def token_pieces(text: str) -> list[str]:
    return TOKEN_PIECE.findall(text)


def timed_ms(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    out = fn()
    return out, (time.perf_counter() - start) * 1000


def p50_p95(values: Sequence[float]) -> dict[str, Any]:
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95)}


def guard_hold_back(answer: str, lang: str) -> tuple[int, float]:
    """(pieces fed before the first released text − 1, checker ms up to that release)."""
    gate = SentenceGate(GuardContext(lang=lang))  # type: ignore[arg-type]
    cpu_ms = 0.0
    for i, piece in enumerate(token_pieces(answer)):
        released, ms = timed_ms(partial(gate.feed, piece))
        cpu_ms += ms
        if any(released):
            return i, cpu_ms
    _, ms = timed_ms(gate.flush)
    return len(token_pieces(answer)) - 1, cpu_ms + ms


def run(ctx: Context) -> dict[str, Any]:
    p = ctx.profile
    prompts = load_prompts()
    fake = ctx.settings.updated(llm={"backend": "fake"})
    router = build_router(fake.updated(triage={"meaning_url": None}))
    reading_url = ctx.settings.triage.meaning_url
    reading = build_router(fake) if reading_url else None
    _, search_build_ms = timed_ms(default_search)  # once, at start-up (graph/builder.py)
    medical = EXPERTS["medical"].system_prompt
    texts = [pr.text for pr in prompts][: p.budget_questions]
    health = [pr.text for pr in prompts if pr.domain == "medical"][: p.budget_questions]
    router.route([HumanMessage(texts[0])])  # first-call costs
    triage, with_reading = [], []
    for t in texts:
        triage.append(timed_ms(partial(router.route, [HumanMessage(t)]))[1])
        if reading is not None:
            with_reading.append(timed_ms(partial(reading.route, [HumanMessage(t)]))[1])
    retrieval = [timed_ms(partial(condition_prompt, medical, [t]))[1] for t in health]
    answers = [
        (next(m["content"] for m in row["messages"] if m["role"] == "assistant"), row["lang"])
        for row in load_split("heldout")
    ]
    held = [guard_hold_back(a, lang) for a, lang in answers]
    result = {
        "method": "in-process timers around the graph's own calls, box otherwise idle",
        "triage_ms": p50_p95(triage),
        "triage_with_reading_layer_ms": p50_p95(with_reading) if with_reading else None,
        "reading_server": reading_url,
        "condition_retrieval_ms": p50_p95(retrieval),
        "condition_search_build_ms": search_build_ms,
        "guard": {
            "answers": len(held),
            "held_back_pieces": p50_p95([h[0] for h in held]),
            "checker_ms_to_first_release": p50_p95([h[1] for h in held]),
            "held_back_pieces_each": [h[0] for h in held],
            "checker_ms_each": [h[1] for h in held],
            "piece": "one CJK character or word (an upper bound on tokens for Chinese)",
        },
    }
    ctx.save("latency_budgets", result)
    return result
