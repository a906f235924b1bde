"""Where the person in an emergency is: on a plane, train or ship the crew can help first.

Why: a travel emergency often happens in transit. "我妈在飞机上突然胸口闷" was told to call
120; in the air there is no ambulance and often no signal, while the cabin crew carry a medical
kit and oxygen, can find a doctor on board and can divert (onboard_rule_2026-12-05.md). The
line is conditional ("if you are still on the plane") and never replaces the call line beneath
it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Lang
from agents.prompt_data import read_yaml

TEMPLATE = Path(__file__).parent / "prompts" / "emergency.yaml"
RECENT_TURNS = 2  # "we're on the flight to Bangkok" said the turn before the emergency counts


@dataclass(frozen=True)
class Setting:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    lines: dict[Lang, str]


@cache
def settings() -> tuple[Setting, ...]:
    data: dict[str, Any] = read_yaml(TEMPLATE)
    return tuple(
        Setting(
            name,
            tuple(re.compile(p, re.IGNORECASE) for p in spec["patterns"]),
            {"zh": spec["zh"], "en": spec["en"]},
        )
        for name, spec in data["onboard"].items()
    )


def onboard_setting(user_texts: Sequence[str]) -> Setting | None:
    """The first setting (plane, train, ship) the last user turns place the person in."""
    recent = "\n".join(user_texts[-RECENT_TURNS:])
    return next((s for s in settings() if any(p.search(recent) for p in s.patterns)), None)


def onboard_line(lang: Lang, user_texts: Sequence[str]) -> str:
    """The crew line with its newline, or nothing."""
    setting = onboard_setting(user_texts)
    return f"{setting.lines[lang]}\n" if setting else ""
