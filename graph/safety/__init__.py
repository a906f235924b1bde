"""The deterministic safety layer: red flags and prompt injection, from data files beside it.

It runs before any router or expert on every turn. Nothing in the user's text can turn it off:
the rules are regular expressions (zh/en, in `red_flags.yaml` and `injection.yaml`), with simple
negation handling so "no trouble breathing" does not escalate. Everything here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from config.yaml_data import read_yaml

HERE = Path(__file__).parent
RED_FLAGS_PATH = HERE / "red_flags.yaml"
INJECTION_PATH = HERE / "injection.yaml"
# How many earlier user turns a rule's `context` patterns may look back on.
CONTEXT_TURNS = 3


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Pattern:
    all: tuple[re.Pattern[str], ...]
    context: tuple[re.Pattern[str], ...] = ()
    none: tuple[re.Pattern[str], ...] = ()  # any of these in the turn: no hit (a joke's frame)

    @classmethod
    def parse(cls, spec: str | dict[str, Any]) -> Pattern:
        if isinstance(spec, str):
            return cls((_compile(spec),))
        return cls(
            tuple(_compile(p) for p in spec["all"]),
            tuple(_compile(p) for p in spec.get("context", ())),
            tuple(_compile(p) for p in spec.get("none", ())),
        )


@dataclass(frozen=True)
class RedFlag:
    id: str
    summary: dict[str, str]
    advice: dict[str, str]
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Negation:
    pattern: re.Pattern[str]
    window: int


@dataclass(frozen=True)
class Rules:
    flags: tuple[RedFlag, ...]
    negations: tuple[Negation, ...]
    clause_break: re.Pattern[str]
    resolved: tuple[re.Pattern[str], ...]
    injection: tuple[re.Pattern[str], ...]
    unrelated_tasks: tuple[re.Pattern[str], ...]

    def flag(self, flag_id: str) -> RedFlag:
        return next(f for f in self.flags if f.id == flag_id)

    def has(self, flag_id: str) -> bool:
        return any(f.id == flag_id for f in self.flags)


@cache
def load_rules(
    red_flags_path: Path = RED_FLAGS_PATH, injection_path: Path = INJECTION_PATH
) -> Rules:
    data = read_yaml(red_flags_path)
    injection = read_yaml(injection_path)
    return Rules(
        flags=tuple(
            RedFlag(
                f["id"], f["summary"], f["advice"], tuple(Pattern.parse(p) for p in f["patterns"])
            )
            for f in data["flags"]
        ),
        negations=tuple(Negation(_compile(n["pattern"]), n["window"]) for n in data["negation"]),
        clause_break=_compile(data["clause_break"]),
        resolved=tuple(_compile(p) for p in data["resolved"]),
        injection=tuple(_compile(p) for p in injection["patterns"]),
        unrelated_tasks=tuple(_compile(p) for p in injection["unrelated_tasks"]),
    )


def negated(text: str, start: int, rules: Rules) -> bool:
    """Whether a negation cue sits before `start` within the same clause."""
    clause_start = 0
    for m in rules.clause_break.finditer(text, 0, start):
        clause_start = m.end()
    prefix = text[clause_start:start]
    return any(n.pattern.search(prefix[-n.window :]) for n in rules.negations)


def affirmed(pattern: re.Pattern[str], text: str, rules: Rules) -> str | None:
    """The first match of `pattern` in `text` that is not negated, if any."""
    for m in pattern.finditer(text):
        if not negated(text, m.start(), rules):
            return m.group(0)
    return None


@dataclass(frozen=True)
class Hit:
    flag: str
    evidence: str


def red_flags(text: str, earlier: Sequence[str] = (), rules: Rules | None = None) -> list[Hit]:
    """Every red flag the turn raises, with the words that raised it."""
    rules = rules or load_rules()
    recent = list(earlier)[-CONTEXT_TURNS:]
    hits: list[Hit] = []
    for flag in rules.flags:
        for pattern in flag.patterns:
            found = [affirmed(p, text, rules) for p in pattern.all]
            if not all(found) or any(p.search(text) for p in pattern.none):
                continue
            context_ok = all(
                any(affirmed(p, t, rules) for t in (text, *recent)) for p in pattern.context
            )
            if context_ok:
                hits.append(Hit(flag.id, " … ".join(f for f in found if f)))
                break
    return hits


def is_injection(text: str, rules: Rules | None = None) -> bool:
    rules = rules or load_rules()
    return any(p.search(text) for p in rules.injection)


def asks_for_unrelated_task(text: str, rules: Rules | None = None) -> bool:
    """Code, poems, stocks…: never a job for the doctor model, whatever the router thinks."""
    rules = rules or load_rules()
    return any(p.search(text) for p in rules.unrelated_tasks)


def emergency_resolved(text: str, rules: Rules | None = None) -> bool:
    """The user says the person is now being cared for, which closes an open emergency."""
    rules = rules or load_rules()
    return any(p.search(text) for p in rules.resolved)


def emergency_closed(
    text: str, earlier_user_texts: Sequence[str] = (), rules: Rules | None = None
) -> bool:
    """Whether the open emergency on a thread is over: this turn or the one before it says the
    person is being cared for (both turns are the user's; the reply between them was the
    emergency's)."""
    rules = rules or load_rules()
    last = list(earlier_user_texts)[-1:]
    return any(emergency_resolved(t, rules) for t in (text, *last))


@dataclass(frozen=True)
class SafetyVerdict:
    """The outcome of the safety check for one turn."""

    emergency: bool
    flags: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    reason: str = ""
    injection: bool = False


def check_turn(
    text: str,
    earlier_user_texts: Sequence[str] = (),
    previous_experts: Sequence[str] = (),
    rules: Rules | None = None,
) -> SafetyVerdict:
    """Red flags first; then an open emergency stays open; then prompt injection.

    An emergency is open when the previous turn was answered by the emergency reply, unless the
    user has said care has taken over — in this turn, or in the previous one. Why the previous
    one: a user who says "he's fine now, the ambulance took him" usually retells the event
    ("…after the seizure"), so that turn's red flags escalate it once more; without this, every
    later question on the thread (a hotel, a train ticket) would escalate as well. A bare "yes"
    / "好的" says nothing of the kind, so it keeps the emergency open.
    """
    rules = rules or load_rules()
    injection = is_injection(text, rules)
    hits = red_flags(text, earlier_user_texts, rules)
    if hits:
        return SafetyVerdict(
            True,
            tuple(h.flag for h in hits),
            tuple(h.evidence for h in hits),
            "red flag: " + ", ".join(h.flag for h in hits),
            injection,
        )
    if "emergency" in previous_experts and not emergency_closed(text, earlier_user_texts, rules):
        return SafetyVerdict(
            True, ("open_emergency",), (), "the emergency on this thread is still open", injection
        )
    return SafetyVerdict(False, injection=injection, reason="no red flag")
