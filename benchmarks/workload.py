"""The realistic workload: mixed zh/en travel and skin questions, arriving as a Poisson process.

Prompts come from the repo's own data (routing dev set, the adapter's held-out questions) with the
system prompt the answering expert really uses, so the system prompts repeat as they do in
production (prefix caching matters). Output lengths are natural (greedy decoding, stop at EOS)
and capped at `max_tokens`. Everything is derived from a seed: the same profile gives the same
requests, arrival times and model choices for vLLM, transformers and the API.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from agents.registry import EXPERTS
from graph.routing.classifier import DEV_PATH, load_rows
from serving.data.build_dataset import load_split

MODEL_DOMAINS = ("travel", "medical")  # emergency / out-of-scope turns never reach a model


@dataclass(frozen=True)
class Prompt:
    text: str
    lang: str
    domain: str
    system: str


@dataclass(frozen=True)
class WorkItem:
    index: int
    arrival_s: float
    messages: list[dict[str, str]]
    max_tokens: int
    model: str
    domain: str
    lang: str
    # every answer exactly max_tokens long (min_tokens = max_tokens, EOS ignored), so the two
    # sides of a ratio decode the same number of tokens whatever their models would say
    forced_length: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def load_prompts() -> list[Prompt]:
    """Every travel/medical question of the repo's data, with its expert's real system prompt."""
    pool: list[Prompt] = []
    for row in load_rows(DEV_PATH):
        if row["domain"] in MODEL_DOMAINS:
            system = EXPERTS[row["expert"]].system_prompt
            pool.append(Prompt(row["text"], row["lang"], row["domain"], system))
    medical = EXPERTS["medical"].system_prompt
    for row in load_split("heldout"):
        user = next(m["content"] for m in row["messages"] if m["role"] == "user")
        pool.append(Prompt(user, row["lang"], "medical", medical))
    return pool


def poisson_arrivals(n: int, rate_per_s: float, rng: random.Random) -> list[float]:
    """Arrival times of a Poisson process (exponential gaps); the first request comes at 0."""
    if rate_per_s <= 0:
        raise ValueError("rate must be positive")
    times, now = [], 0.0
    for i in range(n):
        if i:
            now += rng.expovariate(rate_per_s)
        times.append(now)
    return times


def assign_models(n: int, models: Sequence[str], rng: random.Random) -> list[str]:
    """An exact even split over `models`, shuffled: a 50/50 mix is 50/50, not a coin toss."""
    if not models:
        raise ValueError("at least one model")
    chosen = [models[i % len(models)] for i in range(n)]
    rng.shuffle(chosen)
    return chosen


def build_workload(
    prompts: Sequence[Prompt],
    *,
    n: int,
    rate_per_s: float,
    max_tokens: int,
    models: Sequence[str],
    seed: int,
    forced_length: bool = False,
) -> list[WorkItem]:
    if not prompts:
        raise ValueError("empty prompt pool")
    # One stream of randomness per aspect, so a smaller workload is a prefix of a larger one
    # (the transformers pipeline's 16 requests are the first 16 vLLM gets at concurrency 32).
    pick = random.Random(f"{seed}-prompts")
    picked = [prompts[pick.randrange(len(prompts))] for _ in range(n)]
    arrivals = poisson_arrivals(n, rate_per_s, random.Random(f"{seed}-arrivals"))
    chosen = assign_models(n, models, random.Random(f"{seed}-models"))
    return [
        WorkItem(
            index=i,
            arrival_s=arrivals[i],
            messages=[
                {"role": "system", "content": p.system},
                {"role": "user", "content": p.text},
            ],
            max_tokens=max_tokens,
            model=chosen[i],
            domain=p.domain,
            lang=p.lang,
            forced_length=forced_length,
        )
        for i, p in enumerate(picked)
    ]


def write_workload(items: Sequence[WorkItem], path: Path) -> Path:
    path.write_text(json.dumps([w.to_json() for w in items], ensure_ascii=False), "utf-8")
    return path
