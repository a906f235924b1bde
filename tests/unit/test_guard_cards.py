"""An answer that repeats a vetted condition card is never blocked by the response guard.

Every sentence of every card's user-facing text (looks_like, care, do_not, see_doctor, red_flags,
min_age_notes, both languages) is checked under that card's own turn context: its `avoid` tags
and its `emergency` flag. A finding here means the guard would replace correct advice.
"""

from __future__ import annotations

from collections.abc import Iterator

from agents.guard import GuardContext, check_sentence, split_sentences
from agents.knowledge.conditions import LANGS, Card, load_conditions

CARD_TEXT_FIELDS = ("looks_like", "care", "do_not", "see_doctor", "red_flags", "min_age_notes")


def card_sentences(card: Card) -> Iterator[tuple[str, str, str]]:
    """(lang, field, sentence) for every sentence the card can put in front of a user."""
    for lang in LANGS:
        for field in CARD_TEXT_FIELDS:
            value = getattr(card, field).get(lang)
            items = [value] if isinstance(value, str) else list(value or ())
            for item in items:
                for piece in split_sentences(item):
                    if piece.strip():
                        yield lang, field, piece.strip()


def test_the_cards_cover_every_text_field() -> None:
    cards = list(load_conditions().cards.values())
    fields = {field for card in cards for _, field, _ in card_sentences(card)}
    assert len(cards) >= 60
    assert fields == set(CARD_TEXT_FIELDS)


def test_no_sentence_of_a_card_trips_the_guard_in_its_own_context() -> None:
    offenders = []
    checked = 0
    for card in load_conditions().cards.values():
        for lang, field, sentence in card_sentences(card):
            context = GuardContext(lang, avoid=frozenset(card.avoid), emergency=card.emergency)
            checked += 1
            findings = check_sentence(sentence, context)
            if findings:
                found = ", ".join(f"{f.tag}={f.matched!r}" for f in findings)
                offenders.append(f"{card.id} {lang} {field}: {found} | {sentence}")
    assert checked > 1000
    assert not offenders, f"{len(offenders)} card sentences blocked:\n" + "\n".join(offenders)
