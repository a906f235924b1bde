"""Which conditions a text names by a card's own names ("唇疱疹", "shingles", "sun allergy").

Why names and not aliases: the aliases are lay descriptions ("spots", "被狗咬了", "rash"), good for
retrieval but not a statement of what the person has; the names are. A person who says "my
daughter has hand, foot and mouth AND nappy rash" or "唇疱疹的药吃几片" has told us the condition,
and the answer should be about it even when retrieval ranks a look-alike first or, for a dose
request, is not consulted at all. The evaluation's "right condition named" metric reads answers
with the same pieces (`evals/medical/naming.py`), so there is one definition of a card's names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from agents.knowledge import compiled
from agents.knowledge.conditions import LANGS, Card
from agents.knowledge.negation import affirmed
from agents.prompt_data import read_yaml

DOUBT_FILE = Path(__file__).with_name("condition_names.yaml")
CLAUSE_END = re.compile(r"[,.;!?，。；！？、\n]")

BRACKETS = re.compile(r"[（(]([^）)]*)[）)]")
# Outside brackets a name is split only at slashes ("Hand, foot and mouth disease" is one name);
# inside them at commas too ("(poison ivy, lacquer tree, …)").
OUTER_SPLIT = re.compile(r"[/／]")
INNER_SPLIT = re.compile(r"[/／、，,;；]")
# Pieces of a card name that qualify it rather than name it: "(emergency)", "(incl. …)", "含…".
# Known limit: a slash can leave a generic piece ("动物咬伤/抓伤" → "抓伤"); kept, not hand-pruned.
QUALIFIER = re.compile(r"^(emergency|urgent|incl\b|including|含)", re.IGNORECASE)
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN_GAP = r"[\s,\-]+"
MIN_LATIN = 4  # shorter Latin pieces ("TEN", "SJS") are read only as names by the evaluation


def name_pieces(card: Card) -> list[str]:
    """The card's names, both languages, split at brackets and slashes, qualifiers dropped."""
    pieces: list[str] = []
    for lang in LANGS:
        name = card.names[lang]
        for inner in BRACKETS.findall(name):
            # "(urgent; emergency with fever/spreading)" qualifies, "(mosquitoes etc.)" lists
            if not QUALIFIER.match(inner.strip()) and "etc" not in inner:
                pieces += INNER_SPLIT.split(inner)
        pieces += OUTER_SPLIT.split(BRACKETS.sub(" ", name))
    pieces = [" ".join(p.split()) for p in pieces]
    return list(dict.fromkeys(p for p in pieces if len(p) > 1 and not QUALIFIER.match(p)))


@cache
def name_forms(path: Path = DOUBT_FILE) -> dict[str, tuple[str, ...]]:
    """Per card id, the other forms of its English name people say: the singular of a plural
    name (`singular`) and a word form ("sunburnt": `forms`)."""
    data = read_yaml(path)
    out: dict[str, tuple[str, ...]] = {}
    for key in ("singular", "forms"):
        for k, vs in (data.get(key) or {}).items():
            out[str(k)] = (*out.get(str(k), ()), *(str(v) for v in vs))
    return out


def said_spans(card: Card, text: str) -> list[tuple[int, int]]:
    """Where a person's text names the card: its name pieces and, for a plural name, the
    singular ("a cold sore") — but not a singular in a hyphenated compound, which names a
    product or a kind ("a wart-removal pen" for a mole). The evaluation's naming metric reads
    `name_pieces` alone: an answer names the card by its own name."""
    spans = [span for piece in name_pieces(card) for span in _spans(piece, text)]
    for form in name_forms().get(card.id, ()):
        spans += [(s, e) for s, e in _spans(form, text) if not text.startswith("-", e)]
    return spans


def latin_words(term: str) -> str:
    """A Latin phrase as a pattern with its words apart by spaces, commas or hyphens alike:
    "hand foot and mouth disease", "hand-foot-and-mouth" and "hand, foot, and mouth" name "Hand,
    foot and mouth disease" as people type it."""
    return LATIN_GAP.join(re.escape(w) for w in re.split(LATIN_GAP, term) if w)


def _spans(piece: str, text: str) -> list[tuple[int, int]]:
    term = piece.lower().replace("\u2019", "'")
    if CJK.search(term):
        return [(m.start(), m.end()) for m in compiled(re.escape(term)).finditer(text)]
    if len(term) < MIN_LATIN:
        return []
    pattern = rf"(?<![\w]){latin_words(term)}(?:s|es)?(?![\w])"
    return [(m.start(), m.end()) for m in compiled(pattern).finditer(text)]


@cache
def doubt_cues(path: Path = DOUBT_FILE) -> re.Pattern[str]:
    patterns = [str(p) for p in read_yaml(path)["doubted_before"]]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def doubted(text: str, start: int) -> bool:
    """Whether the clause before a name says it was a wrong guess ("以为是", "thought it was")."""
    clause = CLAUSE_END.split(text[:start])[-1]
    return doubt_cues().search(clause) is not None


@cache
def guess_cues(path: Path = DOUBT_FILE) -> re.Pattern[str]:
    """A guess cue with only fillers between it and the end of the text before a name."""
    data = read_yaml(path)
    cues = "|".join(f"(?:{p})" for p in data["guessed_before"])
    fillers = "|".join(f"(?:{p})" for p in data["guess_fillers"])
    return re.compile(rf"(?:{cues})(?:\s*(?:{fillers}))*\s*$", re.IGNORECASE)


def conditions_guessed(text: str, cards: Iterable[Card]) -> set[str]:
    """The cards the text names only as a guess ("是不是晒伤了？", "is this sunburn?"): every
    mention of their names comes right after a guess cue. A guess is a question, so
    the telling signs may put a neighbour ahead of it; a name said plainly stays the person's."""
    lowered = affirmed(text).lower().replace("\u2019", "'")
    mentions: dict[str, list[bool]] = {}
    for card in cards:
        for start, _end in said_spans(card, lowered):
            before = lowered[:start]
            mentions.setdefault(card.id, []).append(guess_cues().search(before) is not None)
    return {cid for cid, guesses in mentions.items() if all(guesses)}


def conditions_named(text: str, cards: Iterable[Card]) -> list[Card]:
    """The cards the text names, in order of first mention; denied names ("不是湿疹", "not
    eczema", "没涂防晒") are read out first, and a name inside a longer one of another card does
    not count ("麻疹" in "荨麻疹"), nor one the person doubts ("以为是湿疹", "thought it was
    eczema")."""
    lowered = affirmed(text).lower().replace("\u2019", "'")
    found = [
        (start, end, card)
        for card in cards
        for start, end in said_spans(card, lowered)
        if not doubted(lowered, start)
    ]
    kept = [
        (s, e, c)
        for s, e, c in found
        if not any(o.id != c.id and os <= s and e <= oe and oe - os > e - s for os, oe, o in found)
    ]
    first: dict[str, tuple[int, Card]] = {}
    for s, _e, c in sorted(kept, key=lambda x: x[0]):
        first.setdefault(c.id, (s, c))
    return [c for _s, c in first.values()]


@cache
def told_patterns(path: Path = DOUBT_FILE) -> dict[str, tuple[re.Pattern[str], ...]]:
    """Per card id, how people tell its event in a sentence (`told`)."""
    raw = read_yaml(path).get("told") or {}
    return {str(k): tuple(re.compile(str(p), re.IGNORECASE) for p in ps) for k, ps in raw.items()}


def conditions_told(text: str, cards: Iterable[Card]) -> list[Card]:
    """The cards whose event the text tells in a clause ("a macaque bit my hand", "被猴子咬了一口"),
    denied tellings read out first ("the dog didn't bite"; `affirmed`). Not a name: only the
    urgent-care tier reads it, where a card's aliases already count
    (results/animal_bite_told_rule_2026-12-06.md)."""
    lowered = affirmed(text).replace("\u2019", "'")
    patterns = told_patterns()
    return [c for c in cards if any(p.search(lowered) for p in patterns.get(c.id, ()))]
