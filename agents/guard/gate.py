"""Release an answer sentence by sentence, each only after it passed the checker.

This is the pure heart of the streaming guard (the chat-model wrapper only moves tokens in and
out): a blocked sentence is replaced by its tags' safe lines, keeping its markdown marker and the
whitespace after it, so a list stays a list. A safe line the answer already showed is not
repeated: the blocked sentence is then dropped.

The first token must not wait for a whole sentence (≈ 47 tokens, seconds on a CPU): a sentence's
beginning is shown clause by clause while no hazard pattern has begun in it (`release.py`), and
the rest is held until the sentence ends and the checker judged the whole of it, as before. When
a sentence whose beginning was shown is blocked, the safe line takes the place of the rest (and
is said even if it was said before, so the shown clause is not left hanging).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from agents.guard.checker import Finding, GuardContext, check_sentence
from agents.guard.release import HazardWatch, last_clause_break, last_word_break
from agents.guard.rules import HazardRules, load_rules
from agents.guard.sentences import SentenceStream

MARKDOWN_LEAD = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)?")


@dataclass(frozen=True)
class Block:
    """One blocked sentence: what was found, and what the user saw instead ("" when dropped).

    `shown` is the sentence's beginning the user saw before it was judged (free of any hazard
    pattern); `replacement` stands for the rest.
    """

    sentence: str
    findings: tuple[Finding, ...]
    replacement: str
    shown: str = ""

    @property
    def tag(self) -> str:
        return self.findings[0].tag

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.tag for f in self.findings))


OnBlock = Callable[[Block], None]
# How far a sentence's proven-clear beginning is shown before the sentence ends: to its last
# clause break (the default), or to its last whole word (no hazard pattern can have begun
# before either; a blocked sentence then reads "<its first words> <safe line>"), or "token":
# the answer's first text as soon as any of it is proven clear, even part of a word (the first
# token need not wait for the next one to know its word is complete), then by whole words.
Release = Literal["clause", "word", "token"]


class SentenceGate:
    """Feed model text in, get the text the user may see out (same order, sentence-sized)."""

    def __init__(
        self,
        context: GuardContext,
        rules: HazardRules | None = None,
        on_block: OnBlock | None = None,
        release: Release = "clause",
    ) -> None:
        self.context = context
        self._release_end = last_clause_break if release == "clause" else last_word_break
        self._first_at_once = release == "token"
        self._said_anything = False
        self.rules = rules or load_rules()
        self.on_block = on_block
        self.blocks: list[Block] = []
        self._stream = SentenceStream()
        self._shown_safe_lines: set[str] = set()
        self._watch = HazardWatch(context, self.rules)
        self._shown = 0  # characters of the growing sentence already shown
        self._clear = 0  # characters of it where no hazard pattern can begin

    def feed(self, text: str) -> list[str]:
        released = [self._pass(piece) for piece in self._stream.feed(text)]
        early = self._clause_release()
        out = [*released, early] if early else released
        self._said_anything = self._said_anything or any(out)
        return out

    def flush(self) -> list[str]:
        """The final, possibly unfinished sentence, checked like the others."""
        rest = self._stream.flush()
        return [self._pass(rest)] if rest else []

    def _clause_release(self) -> str:
        """The growing sentence's next clauses in which no hazard pattern has begun."""
        pending = self._stream.pending
        self._clear = self._watch.clear_until(pending, self._clear)
        if self._first_at_once and not self._said_anything:
            end = self._clear  # the proof holds at any position, a word's middle included
        else:
            end = self._release_end(pending, self._shown, self._clear)
        early, self._shown = pending[self._shown : end], max(end, self._shown)
        return early

    def _pass(self, piece: str) -> str:
        shown, self._shown, self._clear = self._shown, 0, 0
        findings = check_sentence(piece, self.context, self.rules)
        if not findings:
            return piece[shown:]
        replacement = self._replacement(piece, findings, shown)
        block = Block(piece, tuple(findings), replacement, piece[:shown])
        self.blocks.append(block)
        if self.on_block is not None:
            self.on_block(block)
        return replacement

    def _replacement(self, piece: str, findings: list[Finding], shown: int) -> str:
        if self.context.travel_answer:
            lines = [self.rules.travel_safe[self.context.lang]]
        else:
            lines = [
                self.rules.safe_line(tag, self.context.lang)
                for tag in dict.fromkeys(f.tag for f in findings)
            ]
        new = [line for line in lines if line not in self._shown_safe_lines]
        if not new and not shown:
            return ""
        self._shown_safe_lines.update(new)
        rest = piece[shown:]
        lead = MARKDOWN_LEAD.match(rest) if not shown else None
        prefix = lead.group(0) if lead else rest[: len(rest) - len(rest.lstrip())]
        body = rest.rstrip()
        trailing = rest[len(body) :]
        separator = "" if self.context.lang == "zh" else " "
        return prefix + separator.join(new or lines[:1]) + trailing
