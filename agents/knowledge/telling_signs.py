"""Which of several close cards a question fits, from the findings that tell them apart.

Why: retrieval scores character n-grams, so neighbouring cards that share most of their words
(dandruff and seborrhoeic dermatitis, heat rash and sun allergy, windburn and sunburn, impetigo
and a sandfly sore) come out close and often in the wrong order. A clinician separates them by a
few telling findings: greasy yellow scale on red skin is seborrhoeic dermatitis, dry white flakes
on calm skin are dandruff. Those findings are card data (`telling_signs`, written from the card's
sources, never from evaluation questions), matched on the question's affirmed text
(`negation.py`: "not greasy" tells nothing), and a card says in words what tells it from each
neighbour (`differs_from`), so an answer that leads with one can say how to tell the other.

The rule: only the card retrieval led with and its declared neighbours compete (the signs were
written for those contrasts, not against every card: "feet" tells athlete's foot from ringworm,
not from hand, foot and mouth disease). A neighbour among retrieval's top cards needs one sign, a
neighbour outside them two; the one showing the most signs leads if it shows more than the card
retrieval led with. Ties keep retrieval's order. An emergency card that leads is never passed
over (emergency signs are read by `agents/emergency_signs.py`). A first version let any of the
top cards compete; on validation it moved 16 right answers to wrong ones (location words such as
"feet" or "sweat" pulled unrelated cards ahead), so it was narrowed to neighbours before any
fresh phrasing was written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from agents.knowledge import Lang
from agents.knowledge.condition_search import ConditionSearch, Match
from agents.knowledge.conditions import LANGS, Card, ConditionKB, load_conditions
from agents.knowledge.negation import affirmed

MIN_SIGNS_IN_TOP = 1
MIN_SIGNS_OUTSIDE_TOP = 2


@dataclass(frozen=True)
class Told:
    """The cards in their new order, and the card retrieval led with if the signs chose another."""

    matches: list[Match]
    passed_over: Card | None = None


def _compile(pattern: str) -> re.Pattern[str]:
    """A sign: Chinese as written; English from a word start ("red" not in "bored")."""
    if pattern.isascii():
        return re.compile(rf"(?<![a-z]){pattern}", re.IGNORECASE)
    return re.compile(pattern)


@cache
def _patterns(signs: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(p) for p in signs)


# A sign that is itself a denial ("不痛", "doesn't hurt", "won't heal") is read on the question as
# written: reading out denials would blank the very words it looks for.
DENIAL = re.compile(r"不|没|无|n'?t\b|\bnot\b|\bno\b|never|less\b")


def _said(per_lang: dict[Lang, tuple[str, ...]], question: str) -> list[str]:
    """The words of each pattern (either language) the question affirms, one per pattern."""
    text = affirmed(question)
    signs = tuple(p for lang in LANGS for p in per_lang.get(lang, ()))
    found = (p.search(question if DENIAL.search(p.pattern) else text) for p in _patterns(signs))
    return [m.group() for m in found if m]


def signs_said(card: Card, question: str) -> list[str]:
    """The words of each of the card's telling signs the question affirms, one per sign."""
    return _said(card.telling_signs, question)


def blocked(card: Card, question: str) -> bool:
    """Whether the question puts the rash where the card's sources say it is not (`not_at`: a
    baby's neck or armpits for nappy rash) and shows none of the card's own signs (the nappy
    area): then the card does not lead, and no other card is raised for it
    (fold_block_rule_2026-12-06i.md)."""
    return (
        bool(card.not_at) and bool(_said(card.not_at, question)) and not signs_said(card, question)
    )


def signs_shown(card: Card, question: str) -> int:
    """How many of the card's telling signs the question affirms."""
    return len(signs_said(card, question))


def neighbours(card: Card, kb: ConditionKB) -> list[str]:
    """The cards this one is told apart from, declared on either side."""
    theirs = [c.id for c in kb.cards.values() if card.id in c.differs_from]
    return list(dict.fromkeys([*card.differs_from, *theirs]))


def what_tells_apart(a: Card, b: Card, lang: Lang) -> str | None:
    """The sentence that separates two neighbours, from whichever card holds it."""
    text = a.differs_from.get(b.id) or b.differs_from.get(a.id)
    return None if text is None else text[lang]


def tell_apart(
    matches: Sequence[Match],
    question: str,
    search: ConditionSearch,
    kb: ConditionKB | None = None,
) -> Told:
    """Retrieval's cards, with the one the telling signs point to first (see the module's rule)."""
    if not matches or matches[0].card.emergency:
        return Told(list(matches))
    if len(matches) > 1 and blocked(matches[0].card, question):
        # a site the card never has: it steps aside; the next keeps its own score, so the margin
        # still decides whether it is named or the close cards are listed
        return Told(list(matches[1:]))
    kb = kb or load_conditions()
    top = matches[0]
    listed = {m.card.id for m in matches}
    near = [n for n in neighbours(top.card, kb) if n in kb.cards]
    inside = [m for m in matches[1:] if m.card.id in near]
    outside = [n for n in near if n not in listed]
    extra = search.rank(question, outside) if outside else []
    shown = {m.card.id: signs_shown(m.card, question) for m in [top, *inside, *extra]}

    def enough(m: Match) -> bool:
        need = MIN_SIGNS_IN_TOP if m.card.id in listed else MIN_SIGNS_OUTSIDE_TOP
        return not m.card.emergency and shown[m.card.id] >= need

    contenders = [m for m in [*inside, *extra] if enough(m)]
    if not contenders:
        return Told(list(matches))
    best = max(contenders, key=lambda m: shown[m.card.id])  # first of equals: retrieval's order
    if shown[best.card.id] <= shown[top.card.id]:
        return Told(list(matches))
    rest = [m for m in matches if m.card.id != best.card.id]
    return Told([best, *rest], passed_over=top.card)
