"""Each crisis line is given once: the destination's and home's lines, then the others' home lines
without the ones already given (served read 25 r15: a Chinese speaker with no destination got
12356 and 400-161-9995 twice in one sentence)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from agents.knowledge import load_kb
from agents.responders import _crisis_reply

NUMBER = re.compile(r"\d[\d -]*\d")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("destination", [None, "new_york", "london", "shanghai", "osaka"])
def test_no_crisis_line_is_listed_twice(lang: str, destination: str | None) -> None:
    place = load_kb().get(destination) if destination else None
    text = _crisis_reply(lang, place, ["I don't want to be here anymore"])  # type: ignore[arg-type]
    lines = next(line for line in text.splitlines() if "findahelpline" in line)
    counts = Counter(n.strip() for n in NUMBER.findall(lines))
    assert [n for n, c in counts.items() if c > 1] == [], lines
    assert "988" in lines  # the others' home lines stay
    assert "116 123" in lines
