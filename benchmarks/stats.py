"""The numbers every suite reports, computed one way: percentiles, throughput, TTFT, TPOT.

One record shape (`RequestRecord`) serves vLLM, the transformers baselines and the API, so a
ratio between two suites compares like with like. Times are seconds on one monotonic clock,
relative to the start of the run.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class RequestRecord:
    """One request as the client saw it; `start_s` is when the server took it (after queueing)."""

    arrival_s: float
    start_s: float
    first_token_s: float | None
    end_s: float | None
    output_tokens: int
    prompt_tokens: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.end_s is not None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RequestRecord:
        return cls(**data)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), None for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within [0, 100], got {q}")
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _ms(values: Iterable[float]) -> list[float]:
    return [v * 1000 for v in values]


def _p50_p99(prefix: str, values: Sequence[float]) -> dict[str, float | None]:
    return {f"{prefix}_p50": percentile(values, 50), f"{prefix}_p99": percentile(values, 99)}


def tpot_s(record: RequestRecord) -> float | None:
    """Time per output token after the first; undefined for one-token answers."""
    if record.first_token_s is None or record.end_s is None or record.output_tokens < 2:
        return None
    return (record.end_s - record.first_token_s) / (record.output_tokens - 1)


def summarise(records: Sequence[RequestRecord]) -> dict[str, Any]:
    """Aggregate output tok/s over the makespan (first arrival to last answer) and latencies.

    `ttft_ms` counts from when the server took the request; `ttft_queued_ms` from its arrival,
    which is what a user waits when the server (or a batcher) is busy.
    """
    done = [r for r in records if r.ok]
    out: dict[str, Any] = {
        "requests": len(records),
        "completed": len(done),
        "errors": len(records) - len(done),
    }
    if not done:
        return out | {"output_tokens": 0, "duration_s": None, "output_tok_s": None}
    begin = min(r.arrival_s for r in records)
    end = max(r.end_s for r in done if r.end_s is not None)
    tokens = sum(r.output_tokens for r in done)
    duration = end - begin
    ttft = [r.first_token_s - r.start_s for r in done if r.first_token_s is not None]
    queued = [r.first_token_s - r.arrival_s for r in done if r.first_token_s is not None]
    latency = [r.end_s - r.arrival_s for r in done if r.end_s is not None]
    tpots = [t for t in (tpot_s(r) for r in done) if t is not None]
    out |= {
        "output_tokens": tokens,
        "mean_output_tokens": tokens / len(done),
        "prompt_tokens": sum(r.prompt_tokens for r in done),
        "duration_s": duration,
        "output_tok_s": tokens / duration if duration > 0 else None,
        "request_s": len(done) / duration if duration > 0 else None,
    }
    out |= _p50_p99("ttft_ms", _ms(ttft))
    out |= _p50_p99("ttft_queued_ms", _ms(queued))
    out |= _p50_p99("tpot_ms", _ms(tpots))
    out |= _p50_p99("latency_ms", _ms(latency))
    return out


def knee(points: Sequence[tuple[int, float]], min_gain: float = 0.15) -> dict[str, Any]:
    """Where throughput stops paying for more concurrency.

    The knee is the first level after which the next level gains less than `min_gain` (15 %
    by default, for a doubling); if every step still gains that much, the curve has not
    flattened within the measured range and the last level is reported as such.
    """
    ordered = sorted(points)
    if not ordered:
        raise ValueError("no points")
    for (level, value), (_, following) in itertools.pairwise(ordered):
        if value > 0 and (following - value) / value < min_gain:
            return {"concurrency": level, "output_tok_s": value, "flattened": True}
    level, value = ordered[-1]
    return {"concurrency": level, "output_tok_s": value, "flattened": False}
