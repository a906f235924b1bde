"""Routing a turn reuses its compiled patterns instead of rebuilding them through `re`'s own cache.

Why: `re` keeps only 512 compiled patterns. When per-word patterns built at call time (one per
vocabulary word: `has_word`, `named_by_user`, …) went through `re.search(f"...")`, a few dozen
turns touched more than 512 distinct patterns, the cache thrashed, and routing p50 went from ~12
to ~59 ms with the same answers (benchmarks/results/triage_regex_cache_ab.md). Those patterns are
compiled once in `agents.knowledge.compiled`; this test keeps new code from bringing the thrash
back by counting the distinct patterns that still pass through `re`'s cache while turns route
again (a second pass: the first loads every data file)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from langchain_core.messages import HumanMessage

from benchmarks.workload import load_prompts
from config.settings import Settings
from graph.routing import build_router

# a quarter of `re`'s cache: on a second pass over 60 turns, 567 distinct patterns went through
# it at 81e2cda (the regression), 537 just before it, 75 after the fix (5b14ed8)
BUDGET = 128
TURNS = 60


def test_routing_turns_stay_well_inside_res_pattern_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(_env_file=None, llm={"backend": "fake"}).updated(
        triage={"meaning_url": None}
    )
    router = build_router(settings)
    texts = [p.text for p in load_prompts()][:TURNS]
    for text in texts:  # the first pass loads and compiles every data file's patterns once
        router.route([HumanMessage(text)])
    seen: set[tuple[Any, int]] = set()
    original: Callable[..., Any] = re._compile  # type: ignore[attr-defined]

    def counting(pattern: Any, flags: int) -> Any:
        seen.add((pattern, flags))
        return original(pattern, flags)

    monkeypatch.setattr(re, "_compile", counting)
    for text in texts:
        router.route([HumanMessage(text)])
    assert len(texts) == TURNS
    assert len(seen) <= BUDGET, f"{len(seen)} distinct patterns through re's cache"
