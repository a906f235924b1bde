"""An open emergency closes only on words that say care was reached (issue 11, Bad input).

The `resolved` patterns of graph/safety/red_flags.yaml were extended on 2026-12-02 with the
TRAIN split's closing wordings and ordinary ones ("医生说没大碍", "the paramedics checked him");
a pattern broad enough to close on a bare reply or on a worsening would send the next turn of a
real emergency to an answering model. `still_open_violations` is that check; it is proven on
a planted over-broad pattern below.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from graph.safety import Rules, check_turn, emergency_resolved, load_rules

OPENER = "my dad collapsed at the hotel pool and isn't breathing properly"
# Replies that never close an open emergency: bare acknowledgements, questions about care,
# worsening, and first aid done by the user themself.
STAY_OPEN = (
    "好的",
    "嗯嗯",
    "yes",
    "ok",
    "thanks",
    "he's still not breathing well",
    "他还是喘不上气",
    "包扎好了但血还在往外渗",
    "医生还没来，怎么办",
    "救护车还没到",
    "what should I tell the paramedics?",
    "is the doctor coming? he's turning blue",
    "how do we get to the hospital from here?",
)
CLOSE = (
    "医生说没大碍，明天能出院",
    "医院看过了，说没什么大碍",
    "诊所的医生给他包扎好了，现在在休息",
    "the paramedics checked him, he's ok",
    "we went to the ER, he was checked and sent home",
    "a nurse looked at it and stitched it up",
)


def still_open_violations(rules: Rules) -> list[str]:
    """The STAY_OPEN replies that these rules would read as care reached."""
    return [t for t in STAY_OPEN if emergency_resolved(t, rules)]


def test_bare_replies_and_worsening_keep_an_open_emergency_open() -> None:
    rules = load_rules()
    assert still_open_violations(rules) == []
    for reply in STAY_OPEN:
        assert check_turn(reply, [OPENER], ("emergency",)).emergency, reply


@pytest.mark.parametrize("closing", CLOSE)
def test_care_reached_closes_the_open_emergency(closing: str) -> None:
    later = "which hotel near the station has a late check-in?"
    assert emergency_resolved(closing)
    assert not check_turn(later, [OPENER, closing], ("emergency",)).emergency


@pytest.mark.parametrize(
    "planted",
    [r"好的|\bok\b|\byes\b", r"(he|she)('s| is) .{0,20}(breathing|ok)", r"包扎好了", r"医生"],
)
def test_the_check_fails_on_a_planted_over_broad_pattern(planted: str) -> None:
    rules = load_rules()
    broad = replace(rules, resolved=(*rules.resolved, re.compile(planted, re.IGNORECASE)))
    assert still_open_violations(broad)
