"""Which condition an answer names first: the "right condition named" metric.

The rule, kept simple on purpose:
- the question's condition counts as named by any of its card's names or aliases, zh or en
  (an English answer may say "heat rash" or "prickly heat", a Chinese one "痱子" or "heat rash");
- another condition counts only by its card's *names* (the pieces of "痤疮（青春痘）" or
  "Eczema (atopic dermatitis)"), because aliases include lay words ("spots", "dermatitis") that
  answers use while describing, not diagnosing;
- a mention inside a longer mention of another card is not a mention ("痤疮" in "玫瑰痤疮"), and a
  negated one ("this is not acne", "不是真菌感染") is not a naming (the guard's negation rules);
- the diagnosis is the first sentence that names any condition: it must name the question's
  condition (others may stand beside it, "acne or folliculitis"). A sentence naming only other
  conditions before it fails the answer. For a question about several conditions
  (`kind: several`), its `also` conditions may come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from agents.guard import split_sentences
from agents.guard.checker import APOSTROPHES, negated
from agents.guard.rules import HazardRules, load_rules
from agents.knowledge.condition_names import name_pieces
from agents.knowledge.conditions import LANGS, ConditionKB

CJK = re.compile(r"[\u3400-\u9fff]")
ACRONYM = re.compile(r"[A-Z]{2,5}")


def term_pattern(term: str, plural: bool = False) -> str:
    """A regex alternative: Chinese as a substring, Latin as whole words (optionally plural)."""
    term = term.strip().translate(APOSTROPHES)
    if CJK.search(term):
        return re.escape(term)
    if ACRONYM.fullmatch(term):  # "TEN" of SJS/TEN is not "ten minutes"
        return rf"(?<![\w])(?-i:{re.escape(term)})(?![\w])"
    stem = term[:-1] if plural and term.endswith("s") and not term.endswith("ss") else term
    tail = "(?:s|es)?" if plural else ""
    return rf"(?<![\w]){re.escape(stem)}{tail}(?![\w])"


def any_of(terms: Iterable[str], plural: bool = False) -> re.Pattern[str] | None:
    unique = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(term_pattern(t, plural) for t in unique), re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    card_id: str
    start: int
    end: int


class ConditionNamer:
    """Every card's naming patterns, compiled once per knowledge base."""

    def __init__(self, kb: ConditionKB, rules: HazardRules | None = None) -> None:
        self.rules = rules or load_rules()
        self.by_name: dict[str, re.Pattern[str]] = {}
        self.by_any: dict[str, re.Pattern[str]] = {}
        for card in kb.cards.values():
            names = name_pieces(card)
            aliases = [a for lang in LANGS for a in card.aliases[lang]]
            if (p := any_of(names, plural=True)) is not None:
                self.by_name[card.id] = p
            if (p := any_of([*names, *aliases], plural=True)) is not None:
                self.by_any[card.id] = p

    def mentions(self, sentence: str, own: str | None = None) -> list[Mention]:
        """Affirmed mentions in one sentence: `own` by names and aliases, others by names."""
        found = [
            Mention(cid, m.start(), m.end())
            for cid, pattern in self.by_name.items()
            if cid != own
            for m in pattern.finditer(sentence)
        ]
        if own is not None and own in self.by_any:
            found += [Mention(own, m.start(), m.end()) for m in self.by_any[own].finditer(sentence)]
        kept = [
            m
            for m in found
            if not any(
                o.card_id != m.card_id
                and o.start <= m.start
                and m.end <= o.end
                and o.end - o.start > m.end - m.start
                for o in found
            )
        ]
        return [m for m in kept if not negated(sentence, m.start, m.end, self.rules)]

    def names_first(self, answer: str, own: str, allowed: Sequence[str] = ()) -> bool:
        """The first sentence naming a condition names `own` (see the module's rule)."""
        may_lead = {own, *allowed}
        for sentence in split_sentences(answer.translate(APOSTROPHES)):
            named = {m.card_id for m in self.mentions(sentence, own)}
            if own in named:
                return True
            if named - may_lead:
                return False
        return False

    def named(self, answer: str) -> set[str]:
        """Every condition the answer names (by card names, affirmed), wherever it stands."""
        sentences = split_sentences(answer.translate(APOSTROPHES))
        return {m.card_id for s in sentences for m in self.mentions(s)}
