"""Split an answer into sentences the guard can release one by one, also while it streams.

Pieces keep every character (joined, they give back the text): a piece is a sentence plus the
closing quotes/markdown and whitespace after it, so a replaced sentence keeps the layout.
A sentence ends at 。！？； or a newline (markdown list items and headings are lines), and at
. ! ? followed by whitespace — not inside "e.g." or "2.5%", nor after a list number ("1. ").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ZH_TERMINATORS = "。！？；\n"
EN_TERMINATORS = ".!?"
CLOSERS = "\"'”’）)」』】]*_"
ABBREVIATION = re.compile(
    r"(?:^|[\s(（])(e\.g|i\.e|vs|approx|dr|mr|mrs|ms|st|no|fig|cf|incl|ca|esp)$", re.IGNORECASE
)
LIST_NUMBER = re.compile(r"\s*\d{1,3}")


def _is_cjk(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _dot_is_not_an_end(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return bool(ABBREVIATION.search(text, 0, i)) or bool(LIST_NUMBER.fullmatch(text, line_start, i))


def _end_after(text: str, i: int) -> int | None:
    """Where the piece ends if text[i] ends a sentence (None when it does not)."""
    n = len(text)
    j = i + 1
    while j < n and text[j] in CLOSERS:
        j += 1
    if text[i] in EN_TERMINATORS:
        if j < n and not (text[j].isspace() or _is_cjk(text[j])):
            return None  # "2.5%", "e.g.x", "what?!"
        if text[i] == "." and _dot_is_not_an_end(text, i):
            return None
    while j < n and text[j].isspace():
        j += 1
    return j


def sentence_ends(text: str, start: int = 0) -> Iterator[int]:
    """End offsets of the pieces from `start` on; the last may be len(text) (maybe unfinished)."""
    i, n = start, len(text)
    while i < n:
        if text[i] in ZH_TERMINATORS or text[i] in EN_TERMINATORS:
            end = _end_after(text, i)
            if end is not None:
                yield end
                i = end
                continue
        i += 1


def split_sentences(text: str) -> list[str]:
    """Every piece of a finished text; "".join(pieces) == text."""
    pieces, start = [], 0
    for end in sentence_ends(text):
        pieces.append(text[start:end])
        start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class SentenceStream:
    """Pieces of a growing text, each released once nothing later can still change it.

    A piece is final when text follows it: until then a closing quote, more whitespace or the
    rest of "e.g." may still arrive. Feeding chunks of any size gives the pieces of split_sentences.
    """

    def __init__(self) -> None:
        self._text = ""
        self._released = 0

    def feed(self, chunk: str) -> list[str]:
        self._text += chunk
        pieces = []
        for end in sentence_ends(self._text, self._released):
            if end >= len(self._text):
                break
            pieces.append(self._text[self._released : end])
            self._released = end
        return pieces

    @property
    def pending(self) -> str:
        """The sentence still growing (not yet released as a piece)."""
        return self._text[self._released :]

    def flush(self) -> str:
        rest = self._text[self._released :]
        self._released = len(self._text)
        return rest
