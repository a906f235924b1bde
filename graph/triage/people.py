"""Person words masked before the triage classifier's char n-grams (`Recipe.mask_people`).

Why: who a turn is about is not what is happening, but the char models learnt the relatives
emergencies are told about as emergency signal ("my husband and I want 4 days in Lhasa" got the
emergency reply; evals/triage/results/people_mask_rule_2026-12-07i.md). The words are data
(`people.yaml`). `mask_people` is a module-level function so a fitted pipeline pickles it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

PEOPLE_FILE = Path(__file__).with_name("people.yaml")
PLACEHOLDER = "¤"


@cache
def _pattern() -> re.Pattern[str]:
    data = yaml.safe_load(PEOPLE_FILE.read_text("utf-8"))
    # longest first, so 老公 is not read as 公 + ... and "mother-in-law" before "mother"
    zh = sorted(data["zh"], key=len, reverse=True)
    en = sorted(data["en"], key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(en)})\b|{'|'.join(zh)}", re.IGNORECASE)


def mask_people(text: str) -> str:
    """The text lowercased (the vectoriser's own default, which a preprocessor replaces) with
    each person word replaced by `PLACEHOLDER`."""
    return _pattern().sub(PLACEHOLDER, text.lower())


def people_source() -> bytes:
    """The word list as bytes, for a fitted model's cache key."""
    return PEOPLE_FILE.read_bytes()
