"""The static batcher's decision, kept pure so it is tested without a model.

A static batcher (the best honest `transformers` setup) cannot add requests to a running batch:
when the model is free it takes a full batch if one is queued, else it waits for the batch to
fill, but no longer than `timeout_s` after the oldest queued request arrived (or until no more
requests can come). Stdlib only: the transformers script imports it inside vLLM's venv.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    take: int  # requests to start now (0: wait)
    wake_at: float | None = None  # when to decide again; None when taking


def decide(
    queued_arrivals: Sequence[float],
    now: float,
    next_arrival: float | None,
    batch_size: int,
    timeout_s: float,
) -> Decision:
    """What a free model does at `now`, given who is queued and when the next request comes."""
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    queued = len(queued_arrivals)
    if queued >= batch_size:
        return Decision(batch_size)
    if queued == 0:
        if next_arrival is None:
            return Decision(0, None)  # nothing left: done
        return Decision(0, next_arrival)
    deadline = min(queued_arrivals) + timeout_s
    if now >= deadline or next_arrival is None:
        return Decision(queued)
    return Decision(0, min(deadline, next_arrival))
