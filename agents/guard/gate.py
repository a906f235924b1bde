"""Release an answer sentence by sentence, each only after it passed the checker.

This is the pure heart of the streaming guard (the chat-model wrapper only moves tokens in and
out): a blocked sentence is replaced by its tags' safe lines, keeping its markdown marker and the
whitespace after it, so a list stays a list. A safe line the answer already showed is not
repeated: the blocked sentence is then dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from agents.guard.checker import Finding, GuardContext, check_sentence
from agents.guard.rules import HazardRules, load_rules
from agents.guard.sentences import SentenceStream

MARKDOWN_LEAD = re.compile(r"^\s*(#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|>\s*)?")


@dataclass(frozen=True)
class Block:
    """One blocked sentence: what was found, and what the user saw instead ("" when dropped)."""

    sentence: str
    findings: tuple[Finding, ...]
    replacement: str

    @property
    def tag(self) -> str:
        return self.findings[0].tag

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.tag for f in self.findings))


OnBlock = Callable[[Block], None]


class SentenceGate:
    """Feed model text in, get the text the user may see out (same order, sentence-sized)."""

    def __init__(
        self,
        context: GuardContext,
        rules: HazardRules | None = None,
        on_block: OnBlock | None = None,
    ) -> None:
        self.context = context
        self.rules = rules or load_rules()
        self.on_block = on_block
        self.blocks: list[Block] = []
        self._stream = SentenceStream()
        self._shown_safe_lines: set[str] = set()

    def feed(self, text: str) -> list[str]:
        return [self._pass(piece) for piece in self._stream.feed(text)]

    def flush(self) -> list[str]:
        """The final, possibly unfinished sentence, checked like the others."""
        rest = self._stream.flush()
        return [self._pass(rest)] if rest else []

    def _pass(self, piece: str) -> str:
        findings = check_sentence(piece, self.context, self.rules)
        if not findings:
            return piece
        block = Block(piece, tuple(findings), self._replacement(piece, findings))
        self.blocks.append(block)
        if self.on_block is not None:
            self.on_block(block)
        return block.replacement

    def _replacement(self, piece: str, findings: list[Finding]) -> str:
        lines = [
            self.rules.safe_line(tag, self.context.lang)
            for tag in dict.fromkeys(f.tag for f in findings)
        ]
        new = [line for line in lines if line not in self._shown_safe_lines]
        if not new:
            return ""
        self._shown_safe_lines.update(new)
        lead = MARKDOWN_LEAD.match(piece)
        prefix = lead.group(0) if lead else ""
        body = piece.rstrip()
        trailing = piece[len(body) :]
        separator = "" if self.context.lang == "zh" else " "
        return prefix + separator.join(new) + trailing
