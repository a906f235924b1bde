"""Read the findings a user denies out of a health question before cards are searched.

Why: the retriever scores character n-grams, so "no rash" and "没有起疹子" look like a rash to it
(a rash card came back for a question that said there was none). Dropping each negated span —
a negation cue to the end of its clause, bounded — leaves what the user does report, in either
language, without a parser. The cues live as data (`negation.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.prompt_data import read_yaml

NEGATION_FILE = Path(__file__).with_name("negation.yaml")
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class NegationCues:
    cues: tuple[tuple[re.Pattern[str], int], ...]  # (cue, how far its span may reach)
    pseudo: tuple[re.Pattern[str], ...]
    clause_break: re.Pattern[str]

    def affirmed(self, text: str) -> str:
        """`text` with every negated span blanked out (positions kept, so nothing fuses)."""
        masked = text
        for p in self.pseudo:  # a complaint that only looks negated is never a cue
            masked = p.sub(lambda m: "\0" * len(m.group(0)), masked)
        spans: list[tuple[int, int]] = []
        for cue, window in self.cues:
            for m in cue.finditer(masked):
                limit = min(len(text), m.end() + window)
                brk = self.clause_break.search(text, m.end(), limit)
                end = brk.start() if brk else limit
                while (
                    brk is None and end < len(text) and text[end].isascii() and text[end].isalnum()
                ):
                    end += 1  # never cut an English word in two
                spans.append((m.start(), end))
        out = list(text)
        for start, end in spans:
            out[start:end] = " " * (end - start)
        return "".join(out)


# "n't" as it is written in the yaml, with or without its optional mark ("isn't", "can'?t")
CONTRACTION = re.compile(r"n'\??t")


def typed_apostrophes(pattern: str) -> str:
    """`pattern` with each "n't" read as people type it: "isnt" with no apostrophe, "isn’t" with
    a phone keyboard's curly one. Why: "he isnt feverish" was read as a fever (a doctor today for a
    baby's heat rash; blind_read_fixes_rule_2026-12-07h.md); cue and pseudo alike, so "doesnt
    fade" stays the non-blanching sign it is."""
    return CONTRACTION.sub("n['’]?t", pattern)


@cache
def negation_cues(path: Path = NEGATION_FILE) -> NegationCues:
    data: dict[str, Any] = read_yaml(path)
    cues = tuple(
        (re.compile(typed_apostrophes(p), re.IGNORECASE), int(data["cues"][lang]["window"]))
        for lang in ("en", "zh")
        for p in data["cues"][lang]["patterns"]
    )
    pseudo = tuple(
        re.compile(typed_apostrophes(p), re.IGNORECASE)
        for lang in ("en", "zh")
        for p in data["pseudo"][lang]
    )
    return NegationCues(cues, pseudo, re.compile(data["clause_break"], re.IGNORECASE))


def affirmed(text: str) -> str:
    """What the question reports, its denied findings left out."""
    return negation_cues().affirmed(text)
