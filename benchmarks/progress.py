"""A line now and then while a suite measures: which level, how many requests are done, when.

A level of the full profile runs for minutes; without this the only output is one line per
suite. Printed every `every_s` seconds and when the level completes.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

EVERY_S = 15.0


class Progress:
    def __init__(self, label: str, total: int, every_s: float = EVERY_S, out: TextIO | None = None):
        self.label = label
        self.total = total
        self.every_s = every_s
        self.out = out or sys.stdout
        self.done = 0
        self.started = self.last = time.monotonic()

    def step(self) -> None:
        """One request finished."""
        self.done += 1
        now = time.monotonic()
        if self.done == self.total or now - self.last >= self.every_s:
            self.last = now
            print(
                f"    {self.label}: {self.done}/{self.total} requests, {now - self.started:.0f}s",
                file=self.out,
                flush=True,
            )
