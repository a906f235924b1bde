"""Median, min and max of repeated measurements: one headline figure, told with its spread.

On the 2-core box one run of the same configuration moved ±20-25 % (issue 14), so a headline
number is the median of repeats, and the min/max say how far to trust it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any


def spread(values: Sequence[float | None]) -> dict[str, Any] | None:
    """{"median", "min", "max", "repeats", "values"} over the repeats that produced a value."""
    kept = [float(v) for v in values if v is not None]
    if not kept:
        return None
    return {
        "median": statistics.median(kept),
        "min": min(kept),
        "max": max(kept),
        "repeats": len(kept),
        "values": kept,
    }


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None
