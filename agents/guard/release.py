"""How much of an unfinished sentence may be shown before the checker has seen all of it.

The checker judges whole sentences (negation, `requires` and `unless` read the whole sentence),
so its verdict on a sentence is only known at the sentence's end. But a sentence's beginning can
be shown earlier when no hazard can ever be found in it: the watch proves, for every start
position, that no hazard pattern of the turn (nor a `requires` pattern) matches there or could
still match there once more text arrives — a partial match open at the end of the held text
counts as begun (the `regex` module's partial matching). Everything before the first such
position is free of hazard words for good, so the checker's later verdict on the whole sentence
cannot be about it; the gate shows it up to the last clause break (a comma or semicolon), holds
the rest, and judges the whole sentence at its end exactly as before.

`unless` patterns and negation cues are not watched: they can only clear a hazard, and the
hazard's own words are held anyway.
"""

from __future__ import annotations

import re
from functools import cache

import regex

from agents.guard.checker import APOSTROPHES, GuardContext, active_tags
from agents.guard.rules import AGE_TAG, HazardRules

# Where shown text may stop: after a CJK clause mark, or after an ASCII one followed by a space
# (so "1,000" and "3:30" are not cut).
CLAUSE_BREAK = regex.compile(r"[，、；：]|[,;:](?=\s)")


# `\b` spelt with lookarounds: at the end of the text after a space, `regex` reports a plain `\b`
# as failed rather than partial, though a word may still follow ("take the cream, " may go on
# "… by mouth"); a lookahead at the end is reported as partial.
WORD_BOUNDARY = r"(?:(?<=\w)(?!\w)|(?<!\w)(?=\w))"


def _spell_word_boundaries(pattern: str) -> str:
    """`pattern` with every word boundary outside a character class spelt as WORD_BOUNDARY."""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            pair = pattern[i : i + 2]
            out.append(WORD_BOUNDARY if pair == r"\b" and not in_class else pair)
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        i += 1
    return "".join(out)


@cache
def _partial(pattern: str) -> regex.Pattern[str]:
    """The checker's pattern for partial matching (the checker itself compiles it with `re`)."""
    return regex.compile(_spell_word_boundaries(pattern), regex.IGNORECASE)


def watched_patterns(context: GuardContext, rules: HazardRules) -> tuple[regex.Pattern[str], ...]:
    """Every pattern whose match could make the checker flag a sentence in this turn."""
    found: list[re.Pattern[str]] = []
    for name in active_tags(context, rules):
        if name == AGE_TAG:
            assert context.age_years is not None
            age = context.age_years
            found += [
                p for limit in rules.age_limits if age < limit.min_age for p in limit.patterns
            ]
        else:
            found += [*rules.tags[name].patterns, *rules.tags[name].requires]
    return tuple(_partial(p.pattern) for p in found)


class HazardWatch:
    """The first place in a growing sentence where a watched pattern has begun."""

    def __init__(self, context: GuardContext, rules: HazardRules) -> None:
        self.patterns = watched_patterns(context, rules)

    def clear_until(self, sentence: str, start: int = 0) -> int:
        """The first position (from `start`, already proven clear for a shorter text of the same
        beginning) where a watched pattern matches or partially matches; len(sentence) if none.

        Positions before it stay clear whatever is appended: a match attempt there failed
        without reaching the end of the text, so more text cannot change it.
        """
        text = sentence.translate(APOSTROPHES)
        for pos in range(start, len(text)):
            if any(p.match(text, pos, partial=True) for p in self.patterns):
                return pos
        return len(text)


def last_word_break(text: str, start: int, end: int) -> int:
    """The last place in text[start:end] (start if none) not inside a word that may go on.

    Everything before `end` is free of any hazard pattern's beginning (the watch's proof), so
    any cut there is safe; this one only avoids showing half a word: it backs off over ASCII
    letters and digits that run up to `end` when a letter or digit follows, or when `end` is the
    end of the text so far (the word may continue in the next token). A CJK character is a word.
    """
    found = end
    if found < len(text) and not _ascii_word(text[found]):
        return found
    while found > start and _ascii_word(text[found - 1]):
        found -= 1
    return found


def _ascii_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


def last_clause_break(text: str, start: int, end: int) -> int:
    """The end of the last clause break in text[start:end] (start if there is none), with the
    spaces after it that are already there."""
    found = start
    for m in CLAUSE_BREAK.finditer(text, start, end):
        found = m.end()
    while start < found < end and text[found].isspace():
        found += 1
    return found
