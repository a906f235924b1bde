"""Going high while pregnant or with a heart, lung or blood-pressure condition: the line every
KB-led travel answer opens with.

Why: "孕妇可以去西藏旅游吗？现在怀孕五个月" (served read 28, s15) got Lhasa's seasons, costs
and tips and nothing on the question asked; "有没有推荐去云南哪里看雪山，我有高血压能去吗"
(served read 29, t15) got nothing on the blood pressure. CDC's Yellow Book advises an obstetric
visit before travel and that pregnant travellers avoid going above about 3,650 m, and that
travellers with heart or lung disease, hypertension included, see a doctor before going to high
elevation. The destinations whose trips go that high carry `high_altitude` in the KB; each line
and its words live in `kb_answer.yaml` (pregnancy_altitude_rule_2026-12-06.md,
altitude_health_region_sights_rule_2026-12-06.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from agents.kb_answer import kb_texts
from agents.knowledge import Destination, Lang, load_kb, word_pattern
from agents.knowledge.regions import region_asked, region_destinations
from agents.origin_city import going as going_to
from agents.pace import said_not_away

# Who the lines are for, in the order they are said: a pregnancy, a long-term condition, a child.
GROUPS = ("pregnancy_altitude", "condition_altitude", "child_altitude")
# The doctor's non-skin answer opens with the first two only: a child's tummy ache in Lijiang is
# answered as a tummy ache first, not with a line about taking a child up high.
TRAVELLER_GROUPS = GROUPS[:2]


@cache
def _words(group: str) -> tuple[re.Pattern[str], ...]:
    spec = kb_texts()[group]["words"]
    return tuple(re.compile(word_pattern(w)) for w in [*spec["zh"], *spec["en"]])


def altitude_health_lines(
    user_texts: Sequence[str],
    found: Sequence[Destination],
    lang: Lang,
    groups: Sequence[str] = GROUPS,
) -> list[str]:
    """A line per group the thread says (not said away) when a destination found is marked
    `high_altitude`; the first such destination is named."""
    high = [d for d in found if d.data.get("high_altitude")]
    if not high:
        return []
    lowered = [t.lower() for t in user_texts]
    return [
        str(kb_texts()[group][lang]).format(name=high[0].name(lang))
        for group in groups
        if any(said_not_away(_words(group), t) for t in lowered)
    ]


def going_high_lines(
    user_texts: Sequence[str],
    lang: Lang,
    found: Sequence[Destination] | None = None,
    groups: Sequence[str] = GROUPS,
) -> list[str]:
    """`altitude_health_lines` for where the thread is going: `found` (the destination told in the
    newest turn or in the thread, found here when not given), else a province named with no city
    counts its cities (altitude_health_region_sights_rule_2026-12-06). Every KB-led answer and the
    card-led doctor's non-skin answer say them (altitude_condition_rule_2026-12-07a.md)."""
    question = user_texts[-1]
    if found is None:
        found = going_to(question) or load_kb().find_in_thread(user_texts, limit=1)
    region = None if found else region_asked(question)
    going = found or (region_destinations(region) if region else [])
    return altitude_health_lines(user_texts, going, lang, groups)
