"""What a health question asks beyond "what is it": can I swim, dive, fly, go in the sun, is it
contagious, how long does it last, and for whom (an age, a child, an elder).

Why: the card-led answer recited the card and left the question's own ask unanswered ("blistered
sunburn, diving the day after tomorrow, can I go?" got sunburn care and nothing on diving). A card
answers an ask from its sourced `asked` field; when it has none, the answer says so plainly, so the
person knows the question was read and whom to ask. Patterns and texts are data
(`prompts/card_asks.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agents.emergency_signs import emergency_signs
from agents.knowledge import Lang
from agents.knowledge.conditions import Card
from agents.knowledge.negation import affirmed
from agents.prompt_data import read_yaml

ASKS_FILE = Path(__file__).parent / "prompts" / "card_asks.yaml"
AGE = "age"
PREGNANT = "pregnant"
DIABETES = "diabetes"
SUN_MEDICINE = "sun_medicine"
PREVENT = "prevent"
DOCTOR = "doctor"
PREGNANCY_NOTE = re.compile(r"孕|哺乳")
# The more specific ask wins: "浮潜" or "scuba" is not asked about twice as swimming too, and
# "还要涂多久" asks when to stop the cream, not how long the condition lasts, and "能挤出来吗" asks
# to get it out (its care lines answer), not only to squeeze; a vaccine had before the trip or a
# course begun answers "do I need shots?" more closely than the card's vaccine lines.
NARROWER: dict[str, tuple[str, ...]] = {
    "swim": ("dive",),
    "duration": ("stop",),
    "pick": ("remove",),
    "serious": ("doctor",),
    "shots": ("vaccinated", "course"),
}
# Where a card's description splits into clauses (a course is one: "…, usually crusting and
# healing in 2–4 weeks", "（休止期脱发，多半年内恢复）")
LOOKS_CLAUSE: dict[Lang, re.Pattern[str]] = {
    "zh": re.compile(r"[；。，（）;]"),
    "en": re.compile(r"\s*[;,()]\s*|(?<=\.)\s+"),
}
# Where a care line splits into parts: dengue's "…so mosquitoes don't pass the virus on; for an
# itchy rash use calamine" says the first part on catching it
CARE_PART = re.compile(r"\s*[;；]\s*")
LOOKS_CLAUSE_START = re.compile(r"^(and|then|but)\s+", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[。！!?？\n])|(?<=\.)\s")


def notes_pregnancy(card: Card) -> bool:
    """Whether the card's age notes speak of pregnancy (7 of the cards do)."""
    return bool(PREGNANCY_NOTE.search(card.min_age_notes.get("zh", "")))


Patterns = tuple[re.Pattern[str], ...]
NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class ToldActivity:
    """An activity told as what happened, not asked: "浮潜时被海胆扎了，…要不要自己挑出来"
    asks about the spines, "got stung while snorkeling, what do I put on it?" about the sting
    (served read 24 h1 got "you asked about diving: not covered"). A clause is cut where its
    asking part begins; before the cut, a word is told when a happening is reported, something
    ties the word to it, and nothing plans or asks it ("后天约了潜水，还能去吗" stays an ask).
    Data: `told_activity` in prompts/card_asks.yaml;
    rule: evals/medical/results/told_activity_rule_2026-12-05.md."""

    clause_end: re.Pattern[str] = NEVER
    asking: Patterns = ()
    plan: Patterns = ()
    happened: Patterns = ()
    before: Patterns = ()
    after: Patterns = ()

    def asked_in(self, pattern: re.Pattern[str], sentence: str) -> bool:
        """Whether the pattern names the activity somewhere in the sentence that is not told."""
        for clause in self.clause_end.split(sentence):
            cut = min(
                (m.start() for p in self.asking if (m := p.search(clause))), default=len(clause)
            )
            told = clause[:cut]
            for m in pattern.finditer(clause):
                if m.end() > cut or not self.is_told(told[: m.start()], told[m.end() :], told):
                    return True
        return False

    def is_told(self, before: str, after: str, told: str) -> bool:
        """Whether a word between `before` and `after` (the told part of its clause) is told."""
        return (
            not any(p.search(before) for p in self.plan)
            and any(p.search(told) for p in self.happened)
            and (
                any(p.search(before) for p in self.before)
                or any(p.search(after) for p in self.after)
            )
        )


@dataclass(frozen=True)
class Asks:
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    question_cues: tuple[re.Pattern[str], ...]
    labels: dict[str, dict[Lang, str]]
    texts: dict[Lang, dict[str, str]]
    # asks a card without an answer for them passes over silently (how to prevent it: a card's
    # care often prevents too, and "my guidance doesn't cover prevention" would mislead)
    quiet: frozenset[str] = frozenset()
    # asks whose own words are a question ("怎么防", "how do we avoid"): read in every sentence
    asks_itself: frozenset[str] = frozenset()
    # asks told by a denial ("I don't think I ever had it", "还没打过疫苗": been near someone with
    # it, not immune): read in every sentence as written, since the affirmed text blanks the
    # denial that is the ask (blind_read_fixes_rule_2026-12-07i.md)
    read_raw: frozenset[str] = frozenset()
    # a stated pregnancy ("孕期5个月", "my pregnant wife"): the pregnancy line
    pregnancy: tuple[re.Pattern[str], ...] = ()
    # a stated diabetes ("I'm diabetic", "我爸有糖尿病"): the diabetes line, quoting the card's
    # sentences that `diabetes_in_card` finds
    diabetes: tuple[re.Pattern[str], ...] = ()
    diabetes_in_card: re.Pattern[str] = re.compile(r"(?!)")
    # a stated medicine that makes skin burn ("on doxycycline for malaria", "吃异维A酸"): the
    # sun line (its FDA labels, CDC), in card and non-skin answers alike
    sun_medicine: tuple[re.Pattern[str], ...] = ()
    # an insect repellent named ("is DEET safe on a 1 year old?"): a question about prevention
    repellent: tuple[re.Pattern[str], ...] = ()
    # asks a card answers from its own don'ts when its `asked` has nothing ("can I pop it?": its
    # "don't pop blisters"): the ask -> what a don't line must speak of
    from_do_not: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # asks a card answers from its own care lines too, before its don'ts ("can I pull the spines
    # out?": its tweezers line, then its "don't dig with a needle"): the ask -> what a care line
    # must speak of
    from_care: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # activity asks that a sentence may tell rather than ask ("浮潜时被扎了"), and how to tell them
    told: frozenset[str] = frozenset()
    told_activity: ToldActivity = ToldActivity()
    # asks a card answers from its own see-a-doctor lines ("do I need to see a doctor?"); an
    # emergency card has none to give: its answer is "call now"
    from_see_doctor: frozenset[str] = frozenset()
    # asks a card with its own answer for them answers instead of another the same words bring
    # ("泡温泉" is swimming too): the ask -> the ask it stands in for
    instead_of: dict[str, str] = field(default_factory=dict)
    # asks a card answers from its own description's clauses when its `asked` has nothing ("how
    # long does it last?": shingles' "usually crusting and healing in 2–4 weeks"), and from its
    # see-a-doctor lines that give a time ("No improvement after about 2 weeks"): the ask -> what
    # a clause or a line must say (duration_from_card_rule_2026-12-07g.md)
    from_looks: dict[str, Patterns] = field(default_factory=dict)
    from_see_doctor_when: dict[str, Patterns] = field(default_factory=dict)
    # how long a part of it lingers ("红痕可持续数天"), quoted only beside a clearing clause
    lingers: dict[str, Patterns] = field(default_factory=dict)
    # asks a card answers from its own care lines that state it, else its description's clauses
    # that do, quoted as they are ("is it contagious?": shingles' "Until the blisters crust you
    # can pass on the virus…", eczema's "not contagious"): the ask -> what a line or clause must
    # say (contagious_from_card_rule_2026-12-07g.md)
    said_in_card: dict[str, Patterns] = field(default_factory=dict)

    def card_said(self, card: Card, ask: str, lang: Lang) -> str | None:
        """The card's own words on an ask in `said_in_card`: the parts of its care lines that say
        it, else its description's clauses that do; None if it is silent."""
        on = self.said_in_card.get(ask, ())
        said = [
            part.rstrip("。.")
            for line in card.care.get(lang, ())
            for part in CARE_PART.split(line)
            if any(p.search(part) for p in on)
        ]
        if not said:
            clauses = [
                LOOKS_CLAUSE_START.sub("", c.strip()).rstrip("。.")
                for c in LOOKS_CLAUSE[lang].split(card.looks_like[lang])
            ]
            said = [c for c in clauses if c and any(p.search(c) for p in on)]
        if not said:
            return None
        joiner = "；" if lang == "zh" else "; "
        return self.texts[lang]["said_card"].format(name=card.name(lang), said=joiner.join(said))

    def card_course(self, card: Card, ask: str, lang: Lang) -> str | None:
        """The card's own course for an ask in `from_looks`: its description's clauses that say
        how it clears and when, then its see-a-doctor lines that give a time; None if neither."""
        t = self.texts[lang]
        on_looks = self.from_looks.get(ask, ())
        lingers = self.lingers.get(ask, ())
        clauses = [
            LOOKS_CLAUSE_START.sub("", c.strip()).rstrip("。.")
            for c in LOOKS_CLAUSE[lang].split(card.looks_like[lang])
        ]
        clears = {c for c in clauses if c and any(p.search(c) for p in on_looks)}
        lingering = {c for c in clauses if c and clears and any(p.search(c) for p in lingers)}
        said = [c for c in clauses if c in clears | lingering]
        on_when = self.from_see_doctor_when.get(ask, ())
        when = [s for s in card.see_doctor[lang] if any(p.search(s) for p in on_when)]
        if not said and not when:
            return None
        joiner = "，" if lang == "zh" else "; "
        lines = joiner.join(s.rstrip("。.") for s in when)
        if not said:
            return t["course_no_length"].format(name=card.name(lang), lines=lines)
        out = t["course_said"].format(name=card.name(lang), course=joiner.join(said))
        tail = t["course_doctor"].format(lines=lines) if when else t["course_longer"]
        return out + ("" if lang == "zh" else " ") + tail

    def advice(self, card: Card, ask: str, lang: Lang) -> str | None:
        """The card's sourced answer to an ask: its `asked` entry, else its see-a-doctor lines
        or its care lines and don'ts on it."""
        if said := card.asked.get(ask, {}).get(lang):
            return said
        if ask in self.from_looks:
            return self.card_course(card, ask, lang)
        if ask in self.said_in_card:
            return self.card_said(card, ask, lang)
        if ask in self.from_see_doctor:
            if card.emergency or not card.see_doctor[lang]:
                return None
            lines = "\n".join(f"- {line}" for line in card.see_doctor[lang])
            return self.texts[lang]["see_doctor_advice"].format(name=card.name(lang), lines=lines)
        on_care = self.from_care.get(ask, ())
        care = [c for c in card.care.get(lang, ()) if any(p.search(c) for p in on_care)]
        patterns = self.from_do_not.get(ask, ())
        dont = [d for d in card.do_not.get(lang, ()) if any(p.search(d) for p in patterns)]
        return ("" if lang == "zh" else " ").join(care + dont) or None

    def unsure_advice(self, card: Card, ask: str, lang: Lang) -> str | None:
        """A candidate's advice in a list: its own `asked` entry only where the ask is answered
        from a card's course otherwise (one candidate's course would guess which one it is:
        "(if it is Shingles) healing in 2–4 weeks" for a numb face; amendment 1 of
        duration_from_card_rule_2026-12-07g.md), or from its own words on the ask (one candidate's
        "not contagious" would answer for all; contagious_from_card_rule_2026-12-07g.md)."""
        if ask in self.from_looks or ask in self.said_in_card:
            return card.asked.get(ask, {}).get(lang) or None
        return self.advice(card, ask, lang)

    def answers_from_see_doctor(self, card: Card, ask: str, lang: Lang) -> bool:
        """Whether the ask is one the card answers from its own see-a-doctor lines and it has
        them: the answer then leads, and the section below need not say them again."""
        return ask in self.from_see_doctor and self.advice(card, ask, lang) is not None

    def names_repellent(self, question: str) -> bool:
        """Whether the question names an insect repellent (affirmed text)."""
        said = affirmed(question)
        return any(p.search(said) for p in self.repellent)

    def is_question(self, text: str) -> bool:
        """Whether the text asks something (a question cue anywhere in it)."""
        return any(p.search(text) for p in self.question_cues)

    def found(self, question: str) -> list[str]:
        """The asks in a question, in file order; "age" when it states an age or names a child
        or an elder."""
        said = affirmed(question)
        sentences = SENTENCE_END.split(question)
        # each sentence's affirmed text, read once; `asking`: those a question cue marks
        every = [affirmed(s) for s in sentences]
        asking = [read for s, read in zip(sentences, every, strict=True) if self.is_question(s)]
        hits = [a for a, ps in self.patterns.items() if any(self.asks(a, p, s) for p in ps for s in
                self.read_in(a, sentences, every, asking))]  # fmt: skip
        hits = [a for a in hits if not any(n in hits for n in NARROWER.get(a, ()))]
        signs = emergency_signs()
        if signs.ages(said) or any(p.search(said) for p in signs.vulnerable_words):
            hits.append(AGE)
        if any(p.search(said) for p in self.pregnancy):
            hits.append(PREGNANT)
        if any(p.search(said) for p in self.diabetes):
            hits.append(DIABETES)
        if any(p.search(said) for p in self.sun_medicine):
            hits.append(SUN_MEDICINE)
        return hits

    def read_in(
        self, ask: str, sentences: list[str], every: list[str], asking: list[str]
    ) -> list[str]:
        """The sentences an ask is read in: as written (a denial that is the ask), every one's
        affirmed text (an ask whose words are a question), or the asking ones'."""
        if ask in self.read_raw:
            return sentences
        return every if ask in self.asks_itself else asking

    def asks(self, ask: str, pattern: re.Pattern[str], sentence: str) -> bool:
        """Whether the pattern asks in the sentence; an activity told as what happened does not."""
        if ask in self.told:
            return self.told_activity.asked_in(pattern, sentence)
        return bool(pattern.search(sentence))

    def on_diabetes(self, card: Card, lang: Lang) -> list[str]:
        """The card's reasons to see a doctor that speak of diabetes, in its order."""
        return [s for s in card.see_doctor[lang] if self.diabetes_in_card.search(s)]

    def lines(self, card: Card, asks: Sequence[str], lang: Lang) -> list[str]:
        """One line per ask: the card's sourced advice, or plainly that it does not cover it."""
        t = self.texts[lang]
        out = []
        answered_instead = {
            self.instead_of[a] for a in asks if a in self.instead_of and card.asked.get(a)
        }
        for ask in asks:
            if ask in answered_instead:
                continue
            if ask == AGE:
                note = card.min_age_notes.get(lang)
                out.append(t["age"].format(note=note) if note else
                           t["age_not_covered"].format(name=card.name(lang)))  # fmt: skip
                continue
            if ask == PREGNANT:
                note = card.min_age_notes.get(lang, "")
                if not notes_pregnancy(card):
                    out.append(t["pregnant"].format(name=card.name(lang)))
                elif AGE in asks:  # the age line above quotes the same note
                    out.append(t["pregnant_unsure"])
                else:
                    out.append(t["pregnant_noted"].format(note=note.rstrip("。.")))
                continue
            if ask == DIABETES:
                if quoted := self.on_diabetes(card, lang):
                    stop, joiner = (".", " ") if lang == "en" else ("。", "")
                    lines = joiner.join(q if q[-1] in "。.！!" else f"{q}{stop}" for q in quoted)
                    out.append(t["diabetes_noted"].format(name=card.name(lang), lines=lines))
                else:
                    out.append(t["diabetes"].format(name=card.name(lang)))
                continue
            if ask == SUN_MEDICINE:
                out.append(t["sun_medicine"])
                continue
            if ask in self.from_see_doctor and card.emergency:
                continue  # an emergency card's answer leads with "call now"
            label = self.labels[ask][lang]
            if advice := self.advice(card, ask, lang):
                out.append(t["asked"].format(label=label, advice=advice))
            elif ask not in self.quiet:
                out.append(t["not_covered"].format(label=label, name=card.name(lang)))
        return out

    def unsure_lines(self, cards: Sequence[Card], asks: Sequence[str], lang: Lang) -> list[str]:
        """For a list of candidates: each one's advice, or that it depends and none covers it."""
        t = self.texts[lang]
        out = []
        for ask in asks:
            if ask == AGE:
                continue  # each candidate's age note is in its own lines of the list
            if ask == PREGNANT:
                out.append(t["pregnant_unsure"])
                continue
            if ask == DIABETES:
                out.append(t["diabetes_unsure"])
                continue
            if ask == SUN_MEDICINE:
                out.append(t["sun_medicine"])
                continue
            if ask in self.from_see_doctor:
                # each candidate's see-a-doctor list would be a page: which one it is decides (a
                # quiet ask, "is it serious?", adds nothing to the list's "until you know")
                if ask not in self.quiet:
                    out.append(t["doctor_unsure"])
                continue
            label = self.labels[ask][lang]
            covered = [
                t["unsure_asked"].format(label=label, name=c.name(lang), advice=advice)
                for c in cards
                if (advice := self.unsure_advice(c, ask, lang))
            ]
            if covered or ask not in self.quiet:
                out += covered or [t["unsure_not_covered"].format(label=label)]
        return out


@cache
def card_asks(path: Path = ASKS_FILE) -> Asks:
    data: dict[str, Any] = read_yaml(path)
    asks = data["asks"]
    told = data["told_activity"]

    def compiled(ps: Sequence[str]) -> Patterns:
        return tuple(re.compile(p, re.IGNORECASE) for p in ps)

    return Asks(
        patterns={
            a: tuple(re.compile(p, re.IGNORECASE) for p in spec["patterns"])
            for a, spec in asks.items()
        },
        question_cues=tuple(re.compile(p, re.IGNORECASE) for p in data["question_cues"]),
        labels={a: dict(spec["label"]) for a, spec in asks.items()},
        texts={lang: dict(data["texts"][lang]) for lang in ("zh", "en")},
        quiet=frozenset(a for a, spec in asks.items() if spec.get("quiet")),
        asks_itself=frozenset(a for a, spec in asks.items() if spec.get("asks_itself")),
        read_raw=frozenset(a for a, spec in asks.items() if spec.get("read_raw")),
        pregnancy=tuple(re.compile(p, re.IGNORECASE) for p in data["pregnancy_words"]),
        diabetes=emergency_signs().groups["diabetic"],
        diabetes_in_card=re.compile(data["diabetes_in_card"], re.IGNORECASE),
        sun_medicine=tuple(re.compile(p, re.IGNORECASE) for p in data["sun_medicine_words"]),
        repellent=tuple(re.compile(p, re.IGNORECASE) for p in data["repellent_words"]),
        from_do_not={
            a: tuple(re.compile(p, re.IGNORECASE) for p in spec["from_do_not"])
            for a, spec in asks.items()
            if "from_do_not" in spec
        },
        from_see_doctor=frozenset(a for a, spec in asks.items() if spec.get("from_see_doctor")),
        from_care={
            a: compiled(spec["from_care"]) for a, spec in asks.items() if "from_care" in spec
        },
        from_looks={
            a: compiled(spec["from_looks"]) for a, spec in asks.items() if "from_looks" in spec
        },
        lingers={a: compiled(spec["lingers"]) for a, spec in asks.items() if "lingers" in spec},
        said_in_card={
            a: compiled(spec["said_in_card"]) for a, spec in asks.items() if "said_in_card" in spec
        },
        from_see_doctor_when={
            a: compiled(spec["from_see_doctor_when"])
            for a, spec in asks.items()
            if "from_see_doctor_when" in spec
        },
        told=frozenset(a for a, spec in asks.items() if spec.get("told")),
        instead_of={a: str(spec["instead_of"]) for a, spec in asks.items() if "instead_of" in spec},
        told_activity=ToldActivity(
            clause_end=re.compile(told["clause_end"]),
            **{k: compiled(told[k]) for k in ("asking", "plan", "happened", "before", "after")},
        ),
    )
