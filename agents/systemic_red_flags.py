"""Systemic danger beats a benign look-alike: signs of the whole body being ill beside a skin
problem keep a benign card from answering.

Why: the emergency rules (`emergency_signs.py`) name combinations that are an emergency whatever
the skin shows; a question below them went to retrieval, which ranks cards by how the skin is
described. So "like a sunburn, a fever, vomiting and diarrhoea" was answered as sunburn (issue
15, the sealed test review): nothing set the card's own red flags ("high temperature after sun",
"blisters with fever") against the question. Here the card is judged by its red flags: the
combinations in `prompts/systemic_red_flags.yaml` hold beside every card, minus the signs the card
lists as part of its own picture (`systemic.expected`: a fever with chickenpox), plus the single
signs its sources name (`systemic.red_flags`: a fever with sunburn). Signs are read with the
emergency-sign groups, negation-aware, over the last few user turns, for a flag the newest turn
shows a sign of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from agents.emergency_signs import EmergencySigns, emergency_signs
from agents.knowledge import Lang
from agents.knowledge.condition_search import Match
from agents.knowledge.conditions import (
    Card,
    ConditionKB,
    SignCombination,
    load_conditions,
    parse_combinations,
)
from agents.prompt_data import read_yaml

FLAGS_FILE = Path(__file__).parent / "prompts" / "systemic_red_flags.yaml"


@dataclass(frozen=True)
class SystemicReading:
    """The systemic signs that make a red flag beside the card, and the emergency cards that may
    lead (best-fitting first is the caller's ranking; empty: the general urgent answer)."""

    signs: tuple[str, ...]
    lead: tuple[str, ...]
    # "emergency" when any flag met is one (call now), else "urgent" (a doctor today)
    level: str = "emergency"
    # cards whose "until ruled out" lines the flags met say under an urgent lead (dengue beside a
    # fever after mosquito bites)
    meanwhile: tuple[str, ...] = ()
    # those said only where the thread tells a fever in the note's places (sandfly bites in Bali)
    meanwhile_in_area: tuple[str, ...] = ()


@dataclass(frozen=True)
class SystemicRedFlags:
    labels: dict[str, dict[Lang, str]]
    red_flags: tuple[SignCombination, ...]
    signs: EmergencySigns
    skin_signs: frozenset[str] = frozenset()

    def shows_features(self, texts: Sequence[str]) -> bool:
        """Whether the thread tells of a feature the red flags are made of (a fever, faintness,
        confusion, trouble breathing, a rash …), not only of circumstances (heat, an allergen,
        the sun): "how can I avoid heatstroke in Dubai?" tells of none."""
        return bool(self.thread_signs(texts) & self.labels.keys())

    def shows_skin(self, text: str) -> bool:
        """Whether the text tells of the skin by a sign (a rash, a spot that doesn't fade)."""
        return bool(self.signs.signs(text) & self.skin_signs)

    def flags_for(self, card: Card | None) -> tuple[SignCombination, ...]:
        """The red flags beside this card: every general one whose signs the card does not expect,
        then the card's own. No card (nothing fits): the general ones."""
        if card is None:
            return self.red_flags
        general = tuple(
            # made only of the signs the card's sources send to a doctor today: urgent here
            dataclasses.replace(f, level="urgent") if f.signs <= card.systemic_same_day else f
            for f in self.red_flags
            if not f.signs & card.systemic_expected
        )
        return (*general, *card.systemic_red_flags)

    def same_day_only(self, card: Card, texts: Sequence[str]) -> bool:
        """Whether an emergency card leads at "a doctor today" here: it lists the signs that make
        it call now and the thread shows none of them (red, hot, swollen skin without a fever)."""
        calls = card.systemic_calls_now_with
        return bool(card.emergency and calls and not calls & self.thread_signs(texts))

    def shows_needs(self, card: Card, shown: set[str]) -> bool:
        """Whether an emergency card may lead on these signs: one of its own shows (no list: yes).
        SJS/TEN without a medicine, a severe burn without a burn, is a look-alike's score."""
        return not card.systemic_needs or bool(card.systemic_needs & shown)

    def emergencies_shown(self, matches: Sequence[Match], texts: Sequence[str]) -> list[Match]:
        """The matches, without the emergency cards none of whose own signs the thread shows
        ("red whip-like lines that burn" is no severe burn; "gums swollen" no cellulitis)."""
        shown = self.thread_signs(texts)
        return [m for m in matches if not m.card.emergency or self.shows_needs(m.card, shown)]

    def emergencies_behind(
        self, matches: Sequence[Match], texts: Sequence[str], keep: Set[str] = frozenset()
    ) -> list[Match]:
        """Retrieval's matches with the emergency cards none of whose own signs show put behind
        the others: listed ("if it looks more like X, call now"), never leading on a score alone
        ("red whip-like lines that burn like mad" is a sting, not a severe burn). Kept, not
        dropped: the sign groups miss wordings retrieval knows ("dots that stay under a glass").
        A card in `keep` (the user names it: "is this heatstroke?") stays where it is."""
        shown = self.thread_signs(texts)
        unshown = [
            m
            for m in matches
            if m.card.emergency and m.card.id not in keep and not self.shows_needs(m.card, shown)
        ]
        return [*(m for m in matches if m not in unshown), *unshown]

    def thread_signs(self, texts: Sequence[str]) -> set[str]:
        turns = [t for t in texts[-self.signs.thread_turns :] if t]
        return set().union(*(self.signs.signs(t) for t in turns)) if turns else set()

    def read(self, card: Card | None, user_texts: Sequence[str]) -> SystemicReading | None:
        """The red flags beside `card` the thread shows (None: none, or an emergency card, which
        already leads with emergency care)."""
        if card is not None and card.emergency:
            return None
        turns = [t for t in user_texts[-self.signs.thread_turns :] if t]
        if not turns:
            return None
        newest = self.signs.signs(turns[-1]) & set(self.labels)
        together = set().union(*(self.signs.signs(t) for t in turns)) & set(self.labels)
        met = [f for f in self.flags_for(card) if f.signs <= together and f.signs & newest]
        if not met:
            return None
        # an emergency flag decides the answer; urgent ones only when none is met
        level = "emergency" if any(f.level == "emergency" for f in met) else "urgent"
        met = [f for f in met if f.level == level]
        shown = [g for g in self.labels if any(g in f.signs for f in met)]
        lead = tuple(dict.fromkeys(c for f in met for c in f.lead))
        shown_all = self.thread_signs(turns)
        kb = load_conditions()
        lead = tuple(c for c in lead if self.shows_needs(kb.get(c), shown_all))
        if card is not None and (preferred := [c for c in lead if c in card.systemic_lead]):
            lead = tuple(preferred)  # a sting with dizziness: anaphylaxis, not heatstroke
        meanwhile = tuple(dict.fromkeys(c for f in met for c in f.meanwhile))
        in_area = tuple(dict.fromkeys(c for f in met for c in f.meanwhile_in_area))
        return SystemicReading(tuple(shown), lead, level, meanwhile, in_area)

    def describe(self, reading: SystemicReading, lang: Lang) -> str:
        """The signs in words, in the data's order ("a fever, vomiting or diarrhoea")."""
        words = [self.labels[g][lang] for g in reading.signs]
        return ("、" if lang == "zh" else ", ").join(words)

    def check_cards(self, kb: ConditionKB) -> None:
        """Every sign a card names is a systemic feature, every lead an emergency card."""
        for card in kb.cards.values():
            named = card.systemic_expected | {g for f in card.systemic_red_flags for g in f.signs}
            if unknown := named - set(self.labels):
                raise ValueError(f"card {card.id}: unknown systemic signs {sorted(unknown)}")
            if unknown := card.systemic_same_day - set(self.labels):
                raise ValueError(f"card {card.id}: unknown same-day signs {sorted(unknown)}")
            if unknown := card.systemic_needs - set(self.signs.groups):
                raise ValueError(
                    f"card {card.id}: needs signs that are no sign group {sorted(unknown)}"
                )
            if card.systemic_needs and not card.emergency:
                raise ValueError(f"card {card.id}: only an emergency card needs signs to lead")
            if unknown := card.systemic_calls_now_with - set(self.signs.groups):
                raise ValueError(
                    f"card {card.id}: calls now with signs that are no sign group {sorted(unknown)}"
                )
            if card.systemic_calls_now_with and not card.emergency:
                raise ValueError(f"card {card.id}: only an emergency card calls now")
            leads = {*card.systemic_lead, *(c for f in card.systemic_red_flags for c in f.lead)}
            for lead in leads:
                if not kb.get(lead).emergency:
                    raise ValueError(f"card {card.id}: systemic lead {lead} is no emergency")


@cache
def systemic_red_flags(path: Path = FLAGS_FILE) -> SystemicRedFlags:
    data: dict[str, Any] = read_yaml(path)
    signs = emergency_signs()
    labels: dict[str, dict[Lang, str]] = {
        str(g): {"zh": str(v["zh"]), "en": str(v["en"])} for g, v in data["features"].items()
    }
    if unknown := set(labels) - set(signs.groups):
        raise ValueError(f"{path}: features that are no sign group {sorted(unknown)}")
    flags = parse_combinations(data["red_flags"], str(path))
    kb = load_conditions()
    for f in flags:
        if unknown_signs := f.signs - set(labels):
            raise ValueError(f"{path}: red flag names unknown features {sorted(unknown_signs)}")
        if not_emergency := [c for c in f.lead if not kb.get(c).emergency]:
            raise ValueError(f"{path}: red flag leads with non-emergency cards {not_emergency}")
    kb.check_meanwhile(flags, str(path))
    skin = frozenset(str(g) for g in data.get("skin_signs") or ())
    if not_groups := skin - set(signs.groups):
        raise ValueError(f"{path}: skin signs that are no sign group {sorted(not_groups)}")
    reader = SystemicRedFlags(labels, flags, signs, skin)
    reader.check_cards(kb)
    return reader
