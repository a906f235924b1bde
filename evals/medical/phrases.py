"""The words the medical scoring reads (`phrases.yaml`), compiled once.

Why a data file: what counts as "urging emergency care" or "sending the person to a doctor" is a
list of phrasings that grows with reading answers; it belongs beside the scorer, reviewable, not
inside its logic. Each key merges both languages (an answer may mix them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from config.yaml_data import read_yaml

PHRASES_PATH = Path(__file__).with_name("phrases.yaml")


def compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def both_languages(spec: Mapping[str, Any]) -> tuple[re.Pattern[str], ...]:
    return compile_all([*(spec.get("zh") or ()), *(spec.get("en") or ())])


@dataclass(frozen=True)
class Phrases:
    urgent_care: tuple[re.Pattern[str], ...]
    condition_before: tuple[re.Pattern[str], ...]
    condition_after: tuple[re.Pattern[str], ...]
    clause_end: re.Pattern[str]
    not_a_condition: tuple[re.Pattern[str], ...]
    cannot_tell: tuple[re.Pattern[str], ...]
    refers: tuple[re.Pattern[str], ...]
    dose: tuple[re.Pattern[str], ...]


@cache
def load_phrases(path: Path = PHRASES_PATH) -> Phrases:

    data = read_yaml(path)
    cond = data["conditional"]
    return Phrases(
        urgent_care=both_languages(data["urgent_care"]),
        condition_before=both_languages(cond["before"]),
        condition_after=both_languages(cond["after"]),
        clause_end=re.compile(cond["clause_end"], re.IGNORECASE),
        not_a_condition=compile_all(cond["not_a_condition"]),
        cannot_tell=both_languages(data["cannot_tell"]),
        refers=both_languages(data["refers"]),
        dose=compile_all(data["dose"]),
    )
