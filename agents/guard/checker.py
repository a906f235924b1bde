"""Is one sentence recommending a hazard? A pure check over `hazards.yaml`.

A hazard word counts only when it is affirmed: a negation cue in its own clause ("不要挤",
"avoid antifungal creams", "instead of ice") or right after it ("冰块不要直接敷", "clotrimazole
won't help") clears it, and the clause ends at a comma/semicolon or a new imperative, so
"不要…，可以涂酮康唑" still flags the second clause.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from agents.guard.rules import AGE_TAG, EMERGENCY_TAG, HazardRules, HazardTag, Lang, load_rules

APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Finding:
    """One hazard in one sentence: its tag and the words that raised it."""

    tag: str
    matched: str


@dataclass(frozen=True)
class GuardContext:
    """What the guard knows about the turn: reply language, the cards' avoid tags, the situation.

    `avoid` holds the per-card tags; the general tags of `hazards.yaml` always apply on top.
    `emergency` is true for a red-flag turn or an emergency card (then cream_for_emergency applies);
    `age_years` is the patient's age when the question gives one (then child_under_age applies).
    `travel_answer`: the answer is a travel expert's. Its prose is not about the skin, so a tag with
    a `context` (hazards.yaml) fires only in a sentence that has that context, unless
    `skin_question` (the user's own message is about the skin: "用指甲去除" then means a
    blackhead); a blocked sentence becomes the travel safe line, never treatment advice.
    """

    lang: Lang = "en"
    avoid: frozenset[str] = field(default_factory=frozenset)
    emergency: bool = False
    age_years: float | None = None
    travel_answer: bool = False
    skin_question: bool = False

    @property
    def needs_context(self) -> bool:
        return self.travel_answer and not self.skin_question

    @classmethod
    def from_cards(
        cls,
        cards: Iterable[Mapping[str, Any]],
        lang: Lang,
        *,
        red_flag: bool = False,
        age_years: float | None = None,
    ) -> GuardContext:
        """From retrieved condition cards (their `avoid` and `emergency` keys, briefs/cards.md)."""
        cards = list(cards)
        avoid = frozenset(tag for card in cards for tag in card.get("avoid") or ())
        emergency = red_flag or any(bool(card.get("emergency")) for card in cards)
        return cls(lang, avoid, emergency, age_years)


def _breaks(text: str, rules: HazardRules) -> Iterator[re.Match[str]]:
    """Clause breaks, in no particular order, but none inside a running list: in "Don't squeeze,
    pick, prick it or cut it" the comma after the one-word item "pick" is the list going on."""
    for pattern in rules.negation.clause_break:
        for m in pattern.finditer(text):
            if not any(p.search(text, 0, m.start()) for p in rules.negation.list_goes_on):
                yield m


def _clause_start(text: str, pos: int, rules: HazardRules) -> int:
    # The whole text is searched (not text[:pos]): a break's lookahead must see the word at `pos`
    # itself ("Don't wait, squeeze it": the comma breaks because "squeeze" opens a clause).
    return max((m.end() for m in _breaks(text, rules) if m.end() <= pos), default=0)


def _clause_end(text: str, pos: int, rules: HazardRules) -> int:
    return min((m.start() for m in _breaks(text, rules) if m.start() >= pos), default=len(text))


def _mask(text: str, patterns: Iterable[re.Pattern[str]]) -> str:
    """Blank out pseudo-negations ("don't hesitate to", "没有好转") so they are not read as cues."""
    for p in patterns:
        text = p.sub(lambda m: " " * len(m.group(0)), text)
    return text


def negated(text: str, start: int, end: int, rules: HazardRules) -> bool:
    """Whether the hazard at text[start:end] is advised against within its clause."""
    neg = rules.negation
    clause_start = _clause_start(text, start, rules)
    before = _mask(text[clause_start:start], neg.pseudo)
    for cues in neg.before:
        window = before[-cues.window :]
        if any(p.search(window) for p in cues.patterns):
            return True
    clause_end = _clause_end(text, end, rules)
    for cues in neg.after:
        stop = min(clause_end, end + cues.window)
        while 0 < stop < clause_end and text[stop].isascii() and text[stop].isalnum():
            stop += 1  # never cut a word: "does nothing" cut to "does not" would read as negation
        after = text[start:stop]
        if any(p.search(after) for p in cues.patterns):
            return True
    return False


def affirmed_match(
    patterns: Iterable[re.Pattern[str]], text: str, rules: HazardRules
) -> str | None:
    """The first match of any pattern that is not negated (its `hazard` group if it has one)."""
    for pattern in patterns:
        for m in pattern.finditer(text):
            group = "hazard" if "hazard" in pattern.groupindex and m.group("hazard") else 0
            if not negated(text, m.start(group), m.end(group), rules):
                return m.group(group)
    return None


def written_match(patterns: Iterable[re.Pattern[str]], text: str) -> str | None:
    """The first match of any pattern, negated or not (a tag whose negation is the hazard)."""
    for pattern in patterns:
        if m := pattern.search(text):
            return m.group()
    return None


def _tag_finding(
    tag: HazardTag, text: str, rules: HazardRules, needs_context: bool = False
) -> Finding | None:
    if needs_context and not rules.in_context(tag, text):
        return None
    matched = (
        written_match(tag.patterns, text)
        if tag.as_written
        else affirmed_match(tag.patterns, text, rules)
    )
    if matched is None:
        return None
    if tag.requires and affirmed_match(tag.requires, text, rules) is None:
        return None
    if tag.unless and affirmed_match(tag.unless, text, rules) is not None:
        return None
    return Finding(tag.name, matched)


def _age_finding(text: str, age_years: float, rules: HazardRules) -> Finding | None:
    for limit in rules.age_limits:
        if age_years < limit.min_age:
            matched = affirmed_match(limit.patterns, text, rules)
            if matched is not None:
                return Finding(AGE_TAG, matched)
    return None


def active_tags(context: GuardContext, rules: HazardRules) -> list[str]:
    """The tags checked for this turn, in the file's order (so the first finding is stable)."""
    wanted = set(context.avoid) | rules.general
    if not context.emergency:
        wanted.discard(EMERGENCY_TAG)
    if context.age_years is None:
        wanted.discard(AGE_TAG)
    return [name for name in rules.tags if name in wanted]


def check_sentence(
    sentence: str, context: GuardContext, rules: HazardRules | None = None
) -> list[Finding]:
    """Every hazard tag the sentence raises under this turn's context (empty when it is safe)."""
    rules = rules or load_rules()
    text = sentence.translate(APOSTROPHES)
    findings: list[Finding] = []
    for name in active_tags(context, rules):
        if name == AGE_TAG:
            assert context.age_years is not None
            found = _age_finding(text, context.age_years, rules)
        else:
            found = _tag_finding(rules.tags[name], text, rules, context.needs_context)
        if found is not None:
            findings.append(found)
    return findings


def unknown_tags(tags: Collection[str], rules: HazardRules | None = None) -> set[str]:
    """Avoid tags a card names that the guard has no rules for (a typo in the KB)."""
    rules = rules or load_rules()
    return set(tags) - set(rules.tags)
