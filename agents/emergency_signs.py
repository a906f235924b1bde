"""Read a health question for signs of an emergency, whatever the rash looks like.

Why rules over signs rather than the retriever alone: the retriever ranks cards by how a
question's words look, so "an 81-year-old scalded with a large blister" scores close to a boil and
a toxic-shock picture ("like a sunburn, high fever, nearly fainted") scores as sunburn (issue 15,
the sealed test review). What makes these emergencies is a combination of signs (fever with a
rash and a failing body; a burn that is large, deep, or on a small child or an elder; skin coming
off with sore eyes or mouth), as first-aid guidance states them. So the signs are groups of
patterns and the combinations are rules, both data (`prompts/emergency_signs.yaml`), read on the
question's affirmed findings (`knowledge/negation.py`: "no fever" is no fever); each rule names the
emergency cards that may lead the answer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge.negation import affirmed
from agents.prompt_data import read_yaml

SIGNS_FILE = Path(__file__).parent / "prompts" / "emergency_signs.yaml"
VULNERABLE = "vulnerable"  # a group computed from ages and words, not listed under `groups`
SUN = "sun"  # the sun as the cause: a sunburn is not a minor burn of another kind
BURN = "burn"  # the group that tells of a burn of any size: makes a question a skin question
CN_DIGITS = dict(zip("一二两三四五六七八九", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))


def cn_number(text: str) -> int | None:
    """A small Chinese numeral ("八十一", "两", "十二", "一百") or Arabic digits as an int."""
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            return None
    return total + digit or None


@dataclass(frozen=True)
class Rule:
    name: str
    all: tuple[tuple[str, ...], ...]  # each item holds when any of its groups does
    lead: tuple[str, ...]
    none: frozenset[str] = frozenset()  # groups that rule it out (a sunburn is not a burn)
    # An emergency that is not the skin's (a heart attack, a stroke): the doctor answers with
    # triage's reply for this category (agents/prompts/emergency_categories.yaml), not a card.
    category: str | None = None
    # The rule's own signs are its lead card's (a throat or voice change after a trigger is
    # anaphylaxis): the card leads though none of its `systemic.needs` shows. Off by default: a
    # rule met by signs another card explains ("skin coming off" with a fever but no medicine)
    # must not lead with a card whose own sign is missing (SJS/TEN's "stop the drug").
    lead_shown: bool = False
    # The category answered when this rule is met and no met rule gives a lead or a category:
    # a changed consciousness with no cause told is its own emergency, not the emergency card
    # retrieval ranks first (heatstroke with no heat; confusion_no_cause_rule_2026-12-07c.md).
    otherwise: str | None = None
    # the signs every collapse shares: retrieval's emergency card still leads over `otherwise`
    # when one of its own `systemic.needs` beyond these shows (purple spots, spreading redness)
    otherwise_shared: frozenset[str] = frozenset()
    # The `category` is answered with the first aid of what the thread shows explains it
    # (emergency_categories.yaml `explains`, as `otherwise` is): a fit in the heat gets the fit's
    # first aid, then heatstroke's cooling (first_aid_order_rule_2026-12-07e.md). Off: the
    # category's own first aid alone.
    explained: bool = False

    def met(self, shown: set[str]) -> bool:
        return all(shown & set(item) for item in self.all) and not shown & self.none

    def shown_in(self, shown: set[str]) -> bool:
        """Whether these signs include one the rule asks for (an age alone is not one)."""
        return bool(shown & ({g for item in self.all for g in item} - {VULNERABLE}))


@dataclass(frozen=True)
class SignReading:
    """Which rules a question meets and the emergency cards that may lead, in rule order."""

    rules: tuple[str, ...]
    lead: tuple[str, ...]
    category: str | None = None  # the first met rule's emergency category, if any
    shown_leads: tuple[str, ...] = ()  # lead cards a met rule's own signs show (`lead_shown`)
    # the category of a met rule's `otherwise`, when no met rule gives a lead or a category
    otherwise: str | None = None
    otherwise_shared: frozenset[str] = frozenset()  # that rule's `otherwise_shared`
    explained: bool = False  # the category's rule asks for the `explains` order (`explained`)


@dataclass(frozen=True)
class EmergencySigns:
    groups: dict[str, tuple[re.Pattern[str], ...]]
    whole_text_groups: frozenset[str]
    rules: tuple[Rule, ...]
    years: tuple[re.Pattern[str], ...]
    months: tuple[re.Pattern[str], ...]
    vulnerable_words: tuple[re.Pattern[str], ...]
    very_young_under: int
    elderly_from: int
    thread_turns: int = 1
    # the card a burn below every severity rule leads with (retrieval alone may pick the severe one)
    minor_burn_card: str | None = None
    # fluid lost with a sign of drying out (`drying_out` in the yaml): `loss`, `signs`, `call_now`
    drying: dict[str, frozenset[str]] = field(default_factory=dict)
    # when drying out's call-now lines answer a rule with no card of its own (`drying_out_leads`)
    drying_leads: dict[str, frozenset[str]] = field(default_factory=dict)
    # a group that is a condition card's own `regional` places (`card_place_groups` in the yaml:
    # the jellyfish card's tropical northern Australia), read through the card's notes
    place_groups: dict[str, str] = field(default_factory=dict)
    # a sign told as past and over ("a fever of 39.8 last week, gone now"): its spans are blanked
    # before these groups are read (`over_told` in the yaml; fever_over_rule_2026-12-07d.md)
    over_groups: frozenset[str] = frozenset()
    over_told: tuple[re.Pattern[str], ...] = ()
    # call-now groups that are no health complaint on their own (`call_now_context` in the yaml):
    # a mushroom eaten, a snake named, a child's age (call_now_rule_2026-12-07i.md)
    context_groups: frozenset[str] = frozenset()

    def ages(self, text: str) -> list[float]:
        """Every age the text states, in years ("81岁", "my 2-year-old", "grandma (80)")."""
        found: set[float] = set()
        for patterns, scale in ((self.years, 1.0), (self.months, 1 / 12)):
            for p in patterns:
                for m in p.finditer(text):
                    n = cn_number(m.group(1))
                    if n is not None and (scale < 1 or n <= 120):
                        found.add(n * scale)
        return sorted(found)

    def vulnerable(self, text: str) -> bool:
        """A small child or an elder: by a stated age if there is one, else by the words."""
        ages = self.ages(text)
        if ages:
            return any(a < self.very_young_under or a >= self.elderly_from for a in ages)
        return any(p.search(text) for p in self.vulnerable_words)

    def signs(self, text: str) -> set[str]:
        """The sign groups the question shows."""
        said = affirmed(text)
        now = said
        for p in self.over_told:
            now = p.sub(lambda m: " " * len(m.group(0)), now)

        def source(group: str) -> str:
            if group in self.whole_text_groups:
                return text
            return now if group in self.over_groups else said

        found = {
            g for g, patterns in self.groups.items() if any(p.search(source(g)) for p in patterns)
        }
        if self.vulnerable(said):
            found.add(VULNERABLE)
        return found

    def places(self, text: str) -> set[str]:
        """The place groups the text names: a card's `regional` places, by the card's own notes
        (dangerous_sea_sting_rule_2026-12-07b.md). Read with the rules and the thread's signs,
        not in `signs`: a place is no health complaint ("is Cairns hot in May")."""
        if not self.place_groups:
            return set()
        from agents.knowledge.conditions import load_conditions

        cards = load_conditions()
        return {
            group
            for group, card in self.place_groups.items()
            if any(note.said_in([text]) for note in cards.get(card).regional)
        }

    def drying_out(self, shown: set[str]) -> str | None:
        """Whether the shown sign groups tell fluid lost with a sign of drying out ("拉肚子两天，
        站起来就头晕", "throwing up, mouth really dry"): "call_now" when one of its call-now signs
        shows too (fainting, bloody stool, no pee for 8 hours, a baby or an older person …),
        "today" when none does, None when it is not told (dehydration_rule_2026-12-06j.md)."""
        d = self.drying
        if not d or not (shown & d["loss"] and shown & d["signs"]):
            return None
        return "call_now" if shown & d["call_now"] else "today"

    def drying_out_thread(self, user_texts: Sequence[str]) -> str | None:
        """`drying_out` on the signs of the last turns together, when the newest turn shows one
        of its signs (a hotel asked for after the person was discharged is no drying out), as
        `read_thread` reads a rule (dehydration_rule_2026-12-06j.md, amendment 3)."""
        newest = self.signs(user_texts[-1]) if user_texts else set()
        if not newest & set().union(*self.drying.values()):
            return None
        return self.drying_out(self.thread_signs(user_texts))

    def drying_out_leads(self, user_texts: Sequence[str]) -> bool:
        """Whether drying out at its call-now tier is the emergency the last turns tell, over a
        card retrieval picks for their confusion: diarrhoea for days and now confused, with no
        heat, fever, altitude or seizure told (`drying_out_leads`; read when the newest turn
        shows one of its signs, as `drying_out_thread`;
        fluid_loss_confusion_rule_2026-12-07b.md)."""
        told, unless = (self.drying_leads.get(k, frozenset()) for k in ("told", "unless"))
        newest = self.signs(user_texts[-1]) if user_texts else set()
        if not newest & (told | self.drying["signs"]):
            return False
        shown = self.thread_signs(user_texts)
        d = self.drying
        return bool(
            shown & told and shown & d["signs"] and shown & d["call_now"] and not shown & unless
        )

    def shows_burn(self, text: str) -> bool:
        """Whether the text tells of a burn (a hot object, flame, scald or chemical)."""
        return BURN in self.signs(text)

    def thread_signs(self, user_texts: Sequence[str]) -> set[str]:
        """The sign groups the last turns show together (each turn's denials its own)."""
        recent = [t for t in user_texts[-self.thread_turns :] if t]
        return set().union(*(self.signs(t) | self.places(t) for t in recent))

    def read(self, text: str) -> SignReading | None:
        """The emergency the question's signs show (None: no rule holds)."""
        return self._reading([r for r in self.rules if r.met(self.signs(text) | self.places(text))])

    def read_thread(self, user_texts: Sequence[str]) -> SignReading | None:
        """The emergency the newest user turn shows, read with the turns just before it.

        Why: a follow-up adds the sign that completes the picture ("and now a fever" after "the
        redness keeps spreading"), and neither turn alone meets a rule. The signs of the last
        `thread_turns` turns count together, for a rule the newest turn shows a sign of (a rule
        met by the earlier turns alone was answered then); each turn's negations are its own.
        """
        recent = [t for t in user_texts[-self.thread_turns :] if t]
        if not recent:
            return None
        newest = self.signs(recent[-1]) | self.places(recent[-1])
        together = self.thread_signs(user_texts)
        if self.vulnerable(" ".join(affirmed(t) for t in recent)):
            together.add(VULNERABLE)
        met = [r for r in self.rules if r.met(newest) or (r.met(together) and r.shown_in(newest))]
        return self._reading(met)

    @staticmethod
    def _reading(met: Sequence[Rule]) -> SignReading | None:
        if not met:
            return None
        lead = tuple(dict.fromkeys(c for r in met for c in r.lead))
        by = next((r for r in met if r.category), None)
        category = by.category if by else None
        shown = tuple(dict.fromkeys(c for r in met if r.lead_shown for c in r.lead))
        rule = None if lead or category else next((r for r in met if r.otherwise), None)
        otherwise, shared = (rule.otherwise, rule.otherwise_shared) if rule else (None, frozenset())
        explained = bool(by and by.explained)
        return SignReading(
            tuple(r.name for r in met), lead, category, shown, otherwise, shared, explained
        )


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@cache
def emergency_signs(path: Path = SIGNS_FILE) -> EmergencySigns:
    data: dict[str, Any] = read_yaml(path)
    groups = {g: _compile(ps) for g, ps in data["groups"].items()}
    places = {str(g): str(card) for g, card in (data.get("card_place_groups") or {}).items()}
    known = {*groups, *places, VULNERABLE}
    rules = []
    for r in data["rules"]:
        items = tuple((i,) if isinstance(i, str) else tuple(i) for i in r["all"])
        none = frozenset(r.get("none") or ())
        shared = frozenset(r.get("otherwise_shared") or ())
        unknown = ({g for item in items for g in item} | none | shared) - known
        if unknown:
            raise ValueError(f"{path}: rule {r['name']} names unknown sign groups {unknown}")
        rules.append(
            Rule(
                r["name"],
                items,
                tuple(r["lead"]),
                none,
                r.get("category"),
                bool(r.get("lead_shown", False)),
                r.get("otherwise"),
                shared,
                bool(r.get("explained", False)),
            )
        )
    drying = {part: frozenset(names) for part, names in (data.get("drying_out") or {}).items()}
    leads = {p: frozenset(names) for p, names in (data.get("drying_out_leads") or {}).items()}
    if unknown := {g for names in [*drying.values(), *leads.values()] for g in names} - known:
        raise ValueError(f"{path}: drying_out names unknown sign groups {unknown}")
    over = data.get("over_told") or {}
    if unknown := set(over.get("groups") or ()) - known:
        raise ValueError(f"{path}: over_told names unknown sign groups {unknown}")
    ages = data["ages"]
    return EmergencySigns(
        groups=groups,
        whole_text_groups=frozenset(
            [*data.get("read_whole_text", []), *data.get("call_now_whole_text", [])]
        ),
        rules=tuple(rules),
        years=_compile(ages["years"]),
        months=_compile(ages["months"]),
        vulnerable_words=_compile(ages["vulnerable_words"]),
        very_young_under=int(ages["very_young_under"]),
        minor_burn_card=data.get("minor_burn_card"),
        elderly_from=int(ages["elderly_from"]),
        thread_turns=int(data.get("thread_turns", 1)),
        drying=drying,
        drying_leads=leads,
        place_groups=places,
        over_groups=frozenset(over.get("groups") or ()),
        over_told=_compile(over.get("patterns") or []),
        context_groups=frozenset(data.get("call_now_context") or ()),
    )
