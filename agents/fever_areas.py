"""A fever in a place with dengue: which "until ruled out" notes the thread calls for.

Why: a fever in South-East Asia, South Asia, Latin America or southern China can be dengue, and
until a doctor has ruled it out the WHO, the CDC and the NHS ("Dengue") say paracetamol, never
ibuprofen or aspirin (bleeding risk). Several cards' care says "paracetamol or ibuprofen" (hand,
foot and mouth, measles, sunburn, burns …); read alone, each told a feverish child in Bangkok to
take ibuprofen (fever_nsaid_areas_rule_2026-12-06.md). The note and the words of the lines it
stands in for are the dengue card's (`until_ruled_out.area`, conditions.yaml); the places are the
destinations marked with its flag (destinations.yaml) and its own place words.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from agents.knowledge import Lang, load_kb
from agents.knowledge.conditions import Card, RuledOutNote, load_conditions
from agents.systemic_red_flags import systemic_red_flags

FEVER = "fever"


def fever_area_notes(user_texts: Sequence[str]) -> tuple[RuledOutNote, ...]:
    """The area notes whose places the thread names (any turn: "we're in Chiang Mai" said
    earlier still holds) while its recent turns tell a fever (negation-aware: "no fever" is
    none). Empty: no fever, or no such place."""
    texts = [t for t in user_texts if t]
    if not texts or FEVER not in systemic_red_flags().thread_signs(texts):
        return ()
    found = [d for t in texts for d in load_kb().find(t)]
    notes = []
    for note in load_conditions().area_notes():
        assert note.area is not None
        flag = note.area.destination_flag
        if any(d.data.get(flag) for d in found) or note.area.places.said_in(texts):
            notes.append(note)
    return tuple(notes)


def standing_in(notes: Sequence[RuledOutNote], cards: Sequence[Card]) -> list[RuledOutNote]:
    """The notes that stand in for a care line of one of these cards (an answer whose cards name
    no ibuprofen needs none: nothing it says is wrong in a dengue area)."""
    return [n for n in notes if n.area is not None and any(n.area.replaces(c) for c in cards)]


def care_lines(card: Card, lang: Lang, notes: Sequence[RuledOutNote]) -> tuple[str, ...]:
    """The card's care in one language, less what the notes said beside it stand in for."""
    care = card.care[lang]
    for note in notes:
        if note.area is not None:
            care = note.area.care_without(care, lang)
    return care


def ages_beside(card: Card, notes: Sequence[RuledOutNote]) -> Card:
    """The card with its age notes less the limits the notes said beside it stand in for: under
    "paracetamol only, no ibuprofen" its "ibuprofen from 3 months" read as a yes
    (dengue_age_rule_2026-12-06e.md). The card itself when no note has an area."""
    areas = [n.area for n in notes if n.area is not None]
    if not areas or not card.min_age_notes:
        return card
    ages = dict(card.min_age_notes)
    for area in areas:
        ages = {lang: area.age_without(note, lang) for lang, note in ages.items()}
    return dataclasses.replace(card, min_age_notes={k: v for k, v in ages.items() if v})
