"""The dermatology knowledge base: vetted condition cards the medical expert answers from.

Why cards and not weights: a 0.5B model cannot hold dermatology, but it reads well. Put the right
card in front of it and the base model and the adapter both answered sunburn, cold-sore and
bedbug questions correctly where alone they named the wrong condition (issue 15). So the facts
live here, as data with sources (`conditions.yaml`), and the guard reads each card's `avoid` tags.

Loading validates every card: a missing or corrupt file must stop the service at start-up with a
message that names the problem, never answer a health question without its facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import Lang, compiled
from config.yaml_data import read_yaml

CONDITIONS_PATH = Path(__file__).with_name("conditions.yaml")
LANGS: tuple[Lang, ...] = ("zh", "en")
# Every card has these in both languages; `min_age_notes` is optional.
TEXT_FIELDS = ("looks_like",)
LIST_FIELDS = ("aliases", "care", "do_not", "see_doctor", "red_flags")


class ConditionsError(RuntimeError):
    """The conditions file is missing or does not follow the card schema."""


LEVELS = ("emergency", "urgent")
# Where a care line's clauses part ("冷却后…盖住；疼痛可…服用布洛芬。")
CLAUSE = re.compile(r"[；;]")
# Where an age note's clause parts into the limits it lists ("对乙酰氨基酚…2个月以上、布洛芬…3个月
# 以上，按说明书"), the separator kept with the part after it
LIMIT = re.compile(r"(?=[,，、])")
AN_AGE = re.compile(r"\d")


@dataclass(frozen=True)
class SignCombination:
    """Signs that together are a red flag (sign-group names of agents/prompts/emergency_signs.yaml)
    and the emergency cards that may then lead the answer (empty: the general urgent answer)."""

    signs: frozenset[str]
    lead: tuple[str, ...] = ()
    # "emergency": call now; "urgent": a doctor in person today (NHS "Sunburn": a high temperature
    # needs urgent advice, not an ambulance)
    level: str = "emergency"
    # cards whose "until a doctor has ruled it out" lines are said under an urgent lead this flag
    # makes (a fever after mosquito bites: dengue's paracetamol, no ibuprofen or aspirin)
    meanwhile: tuple[str, ...] = ()
    # the same, said only where the thread tells a fever in one of the note's places (its `area`):
    # sandfly bites bite where mosquitoes do on a tropical beach, not on a Cretan one
    meanwhile_in_area: tuple[str, ...] = ()


def parse_combinations(raw: Any, where: str) -> tuple[SignCombination, ...]:
    """`[{signs: [fever, gut], lead: [spreading_rash_fever], meanwhile: []}, ...]` as
    combinations."""
    combos = []
    for item in raw or ():
        if not isinstance(item, dict) or not item.get("signs"):
            raise ConditionsError(f"{where}: a red flag needs `signs`: {item!r}")
        lead = tuple(str(c) for c in item.get("lead") or ())
        level = str(item.get("level", "emergency"))
        if level not in LEVELS:
            raise ConditionsError(f"{where}: level must be one of {LEVELS}: {item!r}")
        meanwhile = tuple(str(c) for c in item.get("meanwhile") or ())
        in_area = tuple(str(c) for c in item.get("meanwhile_in_area") or ())
        signs = frozenset(str(g) for g in item["signs"])
        combos.append(SignCombination(signs, lead, level, meanwhile, in_area))
    return tuple(combos)


@dataclass(frozen=True)
class ThreadNote:
    """What a card's sources say first for one situation the thread tells: a region (a
    jellyfish sting in tropical northern Australia: vinegar and 000 before the card's hot water)
    or a sign (a bullseye rash after woods: Lyme disease and a doctor before the tick-removal
    steps), shown only when the thread names one of its words.

    Why by words and not by score: the right first line can differ with where it happened or
    what the person already sees, and the person can only follow the version for their case; the
    words are those the note's own sources use, nothing wider."""

    words: dict[Lang, tuple[str, ...]]
    lines: dict[Lang, str]
    sources: tuple[dict[str, str], ...]

    def said_in(self, texts: Sequence[str]) -> bool:
        """Whether any of the texts names one of the note's words (Latin ones as whole words,
        any case)."""
        joined = "\n".join(texts).lower()
        for lang in LANGS:
            for word in self.words.get(lang, ()):
                term = word.lower()
                if re.search(r"[a-z]", term):
                    if compiled(rf"(?<![a-z]){re.escape(term)}(?![a-z])").search(joined):
                        return True
                elif term in joined:
                    return True
        return False


def parse_notes(raw: Any, card_id: str, field: str, words: str) -> tuple[ThreadNote, ...]:
    """The card's `field`, `[{<words>: {zh, en}, lines: {zh, en}, sources: [...]}, ...]`, as
    notes (`regional` by "places", `sign_notes` by "signs")."""
    notes = []
    for item in raw or ():
        if not isinstance(item, dict) or not item.get("sources"):
            raise ConditionsError(f"condition {card_id!r}: a `{field}` note needs `sources`")
        said = _per_lang(item, words, card_id)
        lines = _per_lang(item, "lines", card_id)
        notes.append(
            ThreadNote(
                words={lang: tuple(str(p) for p in said[lang]) for lang in LANGS},
                lines={lang: str(lines[lang]).strip() for lang in LANGS},
                sources=tuple(dict(s) for s in item["sources"]),
            )
        )
    return tuple(notes)


@dataclass(frozen=True)
class AreaFever:
    """Where a card's "until ruled out" lines hold for any fever, not only beside the card that
    names them: a fever in a place with dengue can be dengue, so until a doctor has ruled it out
    no other card's "paracetamol or ibuprofen" may stand (WHO, CDC, NHS "Dengue";
    fever_nsaid_areas_rule_2026-12-06.md).

    The places are the destinations marked with `destination_flag` (destinations.yaml) and the
    region and country words of the card's own sources the destinations lack; `stands_for` are
    the words by which another card's care line is one the note stands in for (ibuprofen)."""

    head: dict[Lang, str]
    destination_flag: str
    places: ThreadNote
    stands_for: dict[Lang, tuple[str, ...]]

    def replaces(self, card: Card) -> frozenset[int]:
        """The 0-based positions of the card's care lines naming a `stands_for` word in either
        language (the zh and en lists are the same lines in the same order)."""
        return frozenset(
            i for lang in LANGS for i, line in enumerate(card.care[lang]) if self.names_a_word(line)
        )

    def names_a_word(self, line: str) -> bool:
        """Whether a line names one of the `stands_for` words (any case)."""
        lowered = line.lower()
        return any(w.lower() in lowered for lang in LANGS for w in self.stands_for[lang])

    def care_without(self, lines: Sequence[str], lang: Lang) -> tuple[str, ...]:
        """The care lines with the clauses naming a `stands_for` word left out, the rest of each
        line kept ("After cooling, cover it loosely …; paracetamol or ibuprofen eases the pain":
        the covering stays); a line that was only that clause goes."""
        out = []
        for line in lines:
            if not self.names_a_word(line):
                out.append(line)
                continue
            kept = [c.strip() for c in CLAUSE.split(line) if c.strip()]
            kept = [c for c in kept if not self.names_a_word(c)]
            if not kept:
                continue
            out.append(_sentence(("；" if lang == "zh" else "; ").join(kept), lang))
        return tuple(out)

    def age_without(self, note: str, lang: Lang) -> str:
        """An age note less what the note stands in for, each limit apart: in a clause naming a
        `stands_for` word, the parts naming it go and the rest stays while it still gives an age
        ("Paracetamol infant formulas generally from 2 months, per the label": the paracetamol
        limit is what the note's "paracetamol only" needs); a clause left with none goes
        (dengue_age_rule_2026-12-06e.md). Empty: nothing left."""
        kept = []
        for clause in (c.strip() for c in CLAUSE.split(note)):
            if not self.names_a_word(clause):
                kept.append(clause)
                continue
            parts = [p for p in LIMIT.split(clause) if not self.names_a_word(p)]
            rest = "".join(parts).lstrip(",，、 ")
            if AN_AGE.search(rest):
                kept.append(rest)
        kept = [c for c in kept if c]
        return _sentence(("；" if lang == "zh" else "; ").join(kept), lang) if kept else ""


def _sentence(text: str, lang: Lang) -> str:
    """Clauses joined again as a sentence: its end stop, an English one capitalised."""
    text = text.rstrip("。.")
    return f"{text}。" if lang == "zh" else f"{text[0].upper()}{text[1:]}."


@dataclass(frozen=True)
class RuledOutNote:
    """What a card's sources say to do until a doctor has ruled the condition out, said beside
    the cards it can first be taken for when their red flag naming it leads the answer (a fever
    after mosquito bites can be dengue: paracetamol, no ibuprofen or aspirin, WHO, CDC), and,
    with `area`, beside any card whose care it overrides when the thread tells a fever in one of
    its places. The lines are the card's own care and don't lines (one source of truth), after a
    head of its own; the sources are the card's."""

    head: dict[Lang, str]
    lines: dict[Lang, tuple[str, ...]]
    sources: tuple[dict[str, str], ...]
    area: AreaFever | None = None

    def text(self, lang: Lang, in_area: bool = False) -> str:
        """The note under its head; `in_area`: under the head for a fever in one of its places
        (no bites said)."""
        head = self.area.head[lang] if in_area and self.area is not None else self.head[lang]
        return ("" if lang == "zh" else " ").join([head, *self.lines[lang]])


def parse_ruled_out(
    raw: Any,
    card_id: str,
    care: dict[Lang, tuple[str, ...]],
    do_not: dict[Lang, tuple[str, ...]],
    sources: tuple[dict[str, str], ...],
) -> RuledOutNote | None:
    """The card's `until_ruled_out: {head: {zh, en}, care: [n], do_not: [n]}` (1-based positions
    of its own lines) as a note (None: the card has none)."""
    if not raw:
        return None
    if not isinstance(raw, dict):
        raise ConditionsError(f"condition {card_id!r}: `until_ruled_out` must be a mapping")
    head = _per_lang(raw, "head", card_id)
    picked: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    for name, own in (("care", care), ("do_not", do_not)):
        for n in raw.get(name) or ():
            if not isinstance(n, int) or not all(1 <= n <= len(own[lang]) for lang in LANGS):
                raise ConditionsError(
                    f"condition {card_id!r}: `until_ruled_out.{name}` has no line {n!r}"
                )
            for lang in LANGS:
                picked[lang].append(own[lang][n - 1])
    if not picked["en"]:
        raise ConditionsError(f"condition {card_id!r}: `until_ruled_out` names none of its lines")
    return RuledOutNote(
        head={lang: str(head[lang]).strip() for lang in LANGS},
        lines={lang: tuple(picked[lang]) for lang in LANGS},
        sources=sources,
        area=parse_area(raw.get("area"), card_id, sources),
    )


def parse_area(raw: Any, card_id: str, sources: tuple[dict[str, str], ...]) -> AreaFever | None:
    """`until_ruled_out.area: {head: {zh, en}, destination_flag: str, places: {zh, en},
    stands_for: {zh, en}}` (None: the note holds only where a red flag names it)."""
    if not raw:
        return None
    if not isinstance(raw, dict) or not raw.get("destination_flag"):
        raise ConditionsError(f"condition {card_id!r}: `until_ruled_out.area` needs a flag")
    head = _per_lang(raw, "head", card_id)
    places = _per_lang(raw, "places", card_id)
    words = _per_lang(raw, "stands_for", card_id)
    return AreaFever(
        head={lang: str(head[lang]).strip() for lang in LANGS},
        destination_flag=str(raw["destination_flag"]),
        places=ThreadNote(
            words={lang: tuple(str(p) for p in places[lang]) for lang in LANGS},
            lines={lang: "" for lang in LANGS},
            sources=sources,
        ),
        stands_for={lang: tuple(str(w) for w in words[lang]) for lang in LANGS},
    )


@dataclass(frozen=True)
class Card:
    id: str
    names: dict[Lang, str]
    aliases: dict[Lang, tuple[str, ...]]
    looks_like: dict[Lang, str]
    care: dict[Lang, tuple[str, ...]]
    do_not: dict[Lang, tuple[str, ...]]
    see_doctor: dict[Lang, tuple[str, ...]]
    red_flags: dict[Lang, tuple[str, ...]]
    avoid: tuple[str, ...]
    emergency: bool
    key_facts: dict[Lang, tuple[tuple[str, ...], ...]]
    sources: tuple[dict[str, str], ...]
    min_age_notes: dict[Lang, str]
    # Sourced answers to what people ask beside "what do I do" (swim, dive, fly, sun, contagious,
    # duration; ids in agents/prompts/card_asks.yaml), each in zh and en.
    asked: dict[str, dict[Lang, str]] = field(default_factory=dict)
    # Findings that tell this card from its neighbours (patterns, zh and en; read by
    # agents/knowledge/telling_signs.py), and per neighbour id what tells the two apart, in words.
    telling_signs: dict[Lang, tuple[str, ...]] = field(default_factory=dict)
    differs_from: dict[str, dict[Lang, str]] = field(default_factory=dict)
    # Places the card's sources put outside it (patterns, zh and en: a baby's neck or armpits for
    # nappy rash): told with none of its telling signs, the card does not lead (telling_signs.py).
    not_at: dict[Lang, tuple[str, ...]] = field(default_factory=dict)
    # Systemic signs (fever, vomiting ...) that are part of this condition's own picture, so no red
    # flag beside it (a fever with chickenpox), and the single signs its sources make a red flag
    # beside it (a fever with sunburn); read by agents/systemic_red_flags.py.
    systemic_expected: frozenset[str] = frozenset()
    systemic_red_flags: tuple[SignCombination, ...] = ()
    # The emergency cards this card is mistaken for (sunburn: heatstroke): they lead, among those
    # a red flag points to, when one shows.
    systemic_lead: tuple[str, ...] = ()
    # Signs that beside this card call for a doctor today, not an ambulance, by its sources (a
    # fever and aches within weeks of a tick bite: CDC, NHS "Lyme disease"): a general emergency
    # flag made of these signs alone is urgent here.
    systemic_same_day: frozenset[str] = frozenset()
    # An emergency card's own signs, at least one of which must show for it to lead, whoever
    # points at it (retrieval's score, an emergency rule, a red flag): SJS/TEN's "stop the
    # suspected medicine" needs a medicine; a severe-burn answer needs a burn. Empty: no check.
    systemic_needs: frozenset[str] = frozenset()
    # An emergency card whose answer calls now only when one of these signs shows in the thread;
    # else it leads under "a doctor in person today" (cellulitis without fever or spread: NHS
    # urgent GP / 111, not 999). Empty: it always calls now.
    systemic_calls_now_with: frozenset[str] = frozenset()
    # A care topic, not a condition (sun protection, a skincare routine): a user who says its
    # name ("涂了新买的防晒霜") names a product, not a diagnosis, so its telling-sign neighbours
    # may still lead (a reaction to that sunscreen: contact dermatitis).
    topic: bool = False
    # Its sources say to act the same day whatever else is planned (WHO / NHS: a mammal's bite or
    # scratch where rabies exists — wash and get post-exposure care today): beside a travel ask,
    # the doctor's section comes first (graph/routing/answer_order.py;
    # blind_read_fixes_rule_2026-12-07i.md)
    acts_today: bool = False
    # What its sources say differently where the person is (shown when the thread names a place)
    regional: tuple[ThreadNote, ...] = ()
    # What its sources say first when the thread tells a sign ("bullseye": Lyme, see a doctor)
    sign_notes: tuple[ThreadNote, ...] = ()
    # What its sources say to do until a doctor has ruled it out, said beside the cards whose
    # red flags name it (`meanwhile`): dengue's paracetamol, no ibuprofen or aspirin
    until_ruled_out: RuledOutNote | None = None

    def name(self, lang: Lang) -> str:
        return self.names[lang]

    def thread_notes(self, texts: Sequence[str]) -> tuple[ThreadNote, ...]:
        """The notes for the places and signs the texts name: regions first (where it happened
        changes the first aid), then signs."""
        return tuple(n for n in (*self.regional, *self.sign_notes) if n.said_in(texts))

    def sheet(self, lang: Lang) -> str:
        """The card as the model reads it: short labelled lines in the user's language."""
        other: Lang = "en" if lang == "zh" else "zh"
        labels = SHEET_LABELS[lang]
        lines = [f"[{self.names[lang]} / {self.names[other]}]"]
        lines.append(f"{labels['looks_like']}{self.looks_like[lang]}")
        lines += [f"{labels['care']}{c}" for c in self.care[lang]]
        lines += [f"{labels['do_not']}{d}" for d in self.do_not[lang]]
        if self.min_age_notes.get(lang):
            lines.append(f"{labels['age']}{self.min_age_notes[lang]}")
        lines += [f"{labels['see_doctor']}{s}" for s in self.see_doctor[lang]]
        lines += [f"{labels['red_flags']}{r}" for r in self.red_flags[lang]]
        return "\n".join(lines)


SHEET_LABELS: dict[Lang, dict[str, str]] = {
    "zh": {
        "looks_like": "- 表现：",
        "care": "- 护理：",
        "do_not": "- 不要：",
        "age": "- 年龄限制：",
        "see_doctor": "- 何时就医：",
        "red_flags": "- 危险信号（立即拨打急救电话）：",
    },
    "en": {
        "looks_like": "- Looks like: ",
        "care": "- Care: ",
        "do_not": "- Do NOT: ",
        "age": "- Age limits: ",
        "see_doctor": "- See a doctor if: ",
        "red_flags": "- Red flags (call emergency services): ",
    },
}


def _per_lang(raw: dict[str, Any], field: str, card_id: str) -> dict[str, Any]:
    value = raw.get(field)
    if not isinstance(value, dict) or any(not value.get(lang) for lang in LANGS):
        raise ConditionsError(f"condition {card_id!r}: {field!r} needs zh and en")
    return value


def _patterns_per_lang(
    raw: dict[str, Any], field: str, card_id: str
) -> dict[Lang, tuple[str, ...]]:
    """An optional zh/en list of patterns (`telling_signs`, `not_at`); absent: none."""
    if field not in raw:
        return {}
    value = _per_lang(raw, field, card_id)
    return {lang: tuple(str(p) for p in value[lang]) for lang in LANGS}


def parse_card(raw: dict[str, Any]) -> Card:
    card_id = str(raw.get("id") or "")
    if not card_id:
        raise ConditionsError(f"a condition has no id: {str(raw)[:80]}")
    texts = {f: _per_lang(raw, f, card_id) for f in ("names", *TEXT_FIELDS)}
    lists = {
        f: {lang: tuple(str(x) for x in _per_lang(raw, f, card_id)[lang]) for lang in LANGS}
        for f in LIST_FIELDS
        if f != "red_flags" or raw.get("red_flags")
    }
    facts = _per_lang(raw, "key_facts", card_id)
    sources = raw.get("sources") or []
    if not sources:
        raise ConditionsError(f"condition {card_id!r}: no sources")
    systemic = raw.get("systemic") or {}
    if not isinstance(systemic, dict):
        raise ConditionsError(f"condition {card_id!r}: `systemic` must be a mapping")
    return Card(
        id=card_id,
        names={lang: str(texts["names"][lang]) for lang in LANGS},
        aliases=lists["aliases"],
        looks_like={lang: str(texts["looks_like"][lang]) for lang in LANGS},
        care=lists["care"],
        do_not=lists["do_not"],
        see_doctor=lists["see_doctor"],
        red_flags=lists.get("red_flags", {"zh": (), "en": ()}),
        avoid=tuple(str(t) for t in raw.get("avoid") or ()),
        emergency=bool(raw.get("emergency", False)),
        key_facts={
            lang: tuple(tuple(str(a) for a in alts) for alts in facts[lang]) for lang in LANGS
        },
        sources=tuple(dict(s) for s in sources),
        min_age_notes={k: str(v) for k, v in (raw.get("min_age_notes") or {}).items() if v},
        asked={
            ask: {lang: str(_per_lang(raw["asked"], ask, card_id)[lang]) for lang in LANGS}
            for ask in raw.get("asked") or {}
        },
        telling_signs=_patterns_per_lang(raw, "telling_signs", card_id),
        differs_from={
            other: {
                lang: str(_per_lang(raw["differs_from"], other, card_id)[lang]) for lang in LANGS
            }
            for other in raw.get("differs_from") or {}
        },
        not_at=_patterns_per_lang(raw, "not_at", card_id),
        systemic_expected=frozenset(str(g) for g in systemic.get("expected") or ()),
        systemic_red_flags=parse_combinations(
            systemic.get("red_flags"), f"condition {card_id!r}: systemic"
        ),
        systemic_lead=tuple(str(c) for c in systemic.get("lead") or ()),
        systemic_same_day=frozenset(str(g) for g in systemic.get("same_day") or ()),
        systemic_needs=frozenset(str(g) for g in systemic.get("needs") or ()),
        systemic_calls_now_with=frozenset(str(g) for g in systemic.get("calls_now_with") or ()),
        topic=bool(raw.get("topic", False)),
        acts_today=bool(raw.get("acts_today", False)),
        regional=parse_notes(raw.get("regional"), card_id, "regional", "places"),
        sign_notes=parse_notes(raw.get("sign_notes"), card_id, "sign_notes", "signs"),
        until_ruled_out=parse_ruled_out(
            raw.get("until_ruled_out"),
            card_id,
            lists["care"],
            lists["do_not"],
            tuple(dict(s) for s in sources),
        ),
    )


class ConditionKB:
    """All cards by id, in file order."""

    def __init__(self, cards: Sequence[Card]) -> None:
        self.cards = {c.id: c for c in cards}
        if len(self.cards) != len(cards):
            raise ConditionsError("duplicate condition ids")
        for card in cards:
            unknown = set(card.differs_from) - set(self.cards)
            if unknown:
                raise ConditionsError(
                    f"condition {card.id!r}: differs_from unknown {sorted(unknown)}"
                )
            leads = {c for combo in card.systemic_red_flags for c in combo.lead}
            leads |= set(card.systemic_lead)
            if unknown := leads - set(self.cards):
                raise ConditionsError(f"condition {card.id!r}: systemic lead {sorted(unknown)}")
            self.check_meanwhile(card.systemic_red_flags, f"condition {card.id!r}")
        self.check_areas()

    def area_notes(self) -> tuple[RuledOutNote, ...]:
        """The "until ruled out" notes that hold for a fever in their places (dengue's)."""
        return tuple(
            n for c in self.cards.values() if (n := c.until_ruled_out) and n.area is not None
        )

    def check_areas(self) -> None:
        """An area note stands in for the same care lines in zh and en: a line naming ibuprofen
        in one language and not the other would be left out of one answer only."""
        for note in self.area_notes():
            assert note.area is not None
            for card in self.cards.values():
                named = {
                    lang: [
                        i
                        for i, line in enumerate(card.care[lang])
                        if any(w.lower() in line.lower() for w in note.area.stands_for[lang])
                    ]
                    for lang in LANGS
                }
                if named["zh"] != named["en"]:
                    raise ConditionsError(
                        f"condition {card.id!r}: care lines naming {note.area.stands_for} differ "
                        f"between zh {named['zh']} and en {named['en']}"
                    )

    def check_meanwhile(self, flags: Sequence[SignCombination], where: str) -> None:
        """Every card a red flag says "meanwhile" of has lines for until it is ruled out."""
        for combo in flags:
            for other in combo.meanwhile:
                if other not in self.cards or self.cards[other].until_ruled_out is None:
                    raise ConditionsError(
                        f"{where}: red flag meanwhile {other!r} is no card with `until_ruled_out`"
                    )
            for other in combo.meanwhile_in_area:
                note = self.cards[other].until_ruled_out if other in self.cards else None
                if note is None or note.area is None:
                    raise ConditionsError(
                        f"{where}: red flag meanwhile_in_area {other!r} is no card with "
                        "`until_ruled_out.area`"
                    )

    def __len__(self) -> int:
        return len(self.cards)

    def get(self, card_id: str) -> Card:
        return self.cards[card_id]


@cache
def load_conditions(path: Path = CONDITIONS_PATH) -> ConditionKB:
    import yaml

    try:
        data = read_yaml(path)
    except OSError as e:
        raise ConditionsError(f"cannot read the conditions file {path}: {e}") from e
    except yaml.YAMLError as e:
        raise ConditionsError(f"the conditions file {path} is not valid YAML: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("conditions"), list):
        raise ConditionsError(f"the conditions file {path} has no 'conditions' list")
    return ConditionKB([parse_card(raw) for raw in data["conditions"]])
