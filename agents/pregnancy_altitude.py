"""Pregnant and going high: the obstetrician line every KB-led travel answer opens with.

Why: "孕妇可以去西藏旅游吗？现在怀孕五个月" (served read 28, s15) got Lhasa's seasons, costs and
tips and nothing on the question asked. CDC's Yellow Book advises an obstetric visit before travel
and that pregnant travellers avoid going above about 3,650 m; the destinations whose trips go
that high carry `high_altitude` in the KB, the line and its words live in `kb_answer.yaml`
(pregnancy_altitude_rule_2026-12-06.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.kb_answer import kb_texts
from agents.knowledge import Destination, Lang, word_pattern
from agents.pace import said_not_away


def pregnancy_altitude_lines(
    user_texts: Sequence[str], found: Sequence[Destination], lang: Lang
) -> list[str]:
    """The obstetrician line when the thread says a pregnancy (not said away) and a destination
    found is marked `high_altitude` (served read 28 s15: "孕妇可以去西藏旅游吗" got Lhasa's
    seasons and costs and nothing on going pregnant)."""
    high = [d for d in found if d.data.get("high_altitude")]
    if not high:
        return []
    spec = kb_texts()["pregnancy_altitude"]
    words = [re.compile(word_pattern(w)) for w in [*spec["words"]["zh"], *spec["words"]["en"]]]
    if any(said_not_away(words, t.lower()) for t in user_texts):
        return [str(spec[lang]).format(name=high[0].name(lang))]
    return []
