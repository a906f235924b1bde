"""Which health questions the doctor must not answer from a condition card: dose requests,
questions that are not about the skin and questions too vague for any card (the signs of an
emergency are read by `emergency_signs.py`).

Why rules: a dose of a prescription medicine and a toothache are questions where any card the
retriever finds is wrong by construction (the 0.5B doctor turned a toothache into eczema and a
prednisolone dose into a "prednisolone reaction", issue 15); "I have a skin problem, help" tells
nothing a card could fit. All are recognisable from the words alone, so short lists of
patterns (data, `prompts/medical_question_kinds.yaml`) decide them, read on the question's
affirmed findings (`knowledge/negation.py`: "no rash" is no rash), and are measured on the
validation questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from agents.knowledge import compiled
from agents.knowledge.negation import affirmed
from agents.prompt_data import read_yaml

KINDS_FILE = Path(__file__).parent / "prompts" / "medical_question_kinds.yaml"


def _words(spec: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(w).lower() for lang in ("zh", "en") for w in spec[lang])


def _has(words: tuple[str, ...], text: str) -> bool:
    """A word in the text; an English word only at a word start ("arm" not in "warm")."""
    for w in words:
        if w.isascii():
            if compiled(rf"(?<![a-z]){re.escape(w)}").search(text):
                return True
        elif w in text:
            return True
    return False


@dataclass(frozen=True)
class QuestionKinds:
    dose_patterns: tuple[re.Pattern[str], ...]
    skin_words: tuple[str, ...]
    findings: dict[str, tuple[str, ...]]
    min_findings: int
    care_asks: tuple[str, ...] = ()
    borrowed_patterns: tuple[re.Pattern[str], ...] = ()
    not_skin_patterns: tuple[re.Pattern[str], ...] = ()
    beside_injury: tuple[str, ...] = ()  # a wound or skin finding that keeps it a skin question
    allergy_stated: tuple[re.Pattern[str], ...] = ()
    allergy_prep_asks: tuple[str, ...] = ()
    allergy_now: tuple[str, ...] = ()
    # red dots told inside the eye, mouth or throat, and the throat's own soreness or itch: not a
    # skin word there (group `word`)
    inner_not_skin: tuple[re.Pattern[str], ...] = ()
    # a card's picture told with no skin word (frostbite: fingers, toes, ears gone white or waxy)
    skin_told: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # the doses of a vaccine course ("the remaining rabies doses"): no medicine dose request;
    # (by a vaccine word, on a turn naming a vaccine, a course's dose by its order)
    vaccine_doses: tuple[re.Pattern[str], ...] = ()
    vaccine_named: re.Pattern[str] | None = None
    course_doses: re.Pattern[str] | None = None
    # a sprain or traveller's diarrhoea told: the doctor's first lines for it on the non-skin
    # path (non_skin_first_aid_rule_2026-12-07a.md); the first topic that matches is the turn's
    non_skin_topics: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # the topic's own red flags told beside it: no first lines (amendment 2 of that rule)
    non_skin_red_flags: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    # the few red flags read even where a denial is written ("没事的吧 当时昏了几十秒": a stray 没
    # must never hide a knock-out under "most head injuries are not serious"; amendment 1 of
    # head_bump_first_lines_rule_2026-12-07d.md)
    non_skin_red_flags_whole_text: dict[str, tuple[re.Pattern[str], ...]] = field(
        default_factory=dict
    )

    def asks_for_dose(self, text: str) -> bool:
        """A dose, a change of dose, or someone else's prescription: the prescriber's call."""
        said = text
        for p in self.vaccine_doses:
            said = p.sub(" ", said)  # "how many rabies vaccine doses?" is no such ask
        if self.course_doses and self.vaccine_named and self.vaccine_named.search(text):
            said = self.course_doses.sub(" ", said)  # "…the remaining doses?" after a vaccine
        return any(p.search(said) for p in self.dose_patterns) or self.borrowed(said)

    def borrowed(self, text: str) -> bool:
        """Whether it asks about using a medicine prescribed for someone else."""
        return any(p.search(text) for p in self.borrowed_patterns)

    def mentions_skin(self, text: str) -> bool:
        """An English skin word only at a word start: "chin" is in "watching", and a child's
        fever read as a skin question got the heatstroke card's call-now (2026-12-02, d9-l8).
        A sprain, a crushed finger or legs swollen from sitting is none, unless a wound or a
        skin finding of its own is named beside it."""
        said = affirmed(text)
        return not self._injury_in(said) and _has(self.skin_words, self._without_inner_words(said))

    def tells_picture_of(self, card_id: str, text: str) -> bool:
        """Whether the text tells this card's picture with no skin word ("fingertips went white
        and numb": frostbite), denials read out, never over an injury; the caller asks it of
        retrieval's first card only."""
        said = affirmed(text)
        told = self.skin_told.get(card_id, ())
        return not self._injury_in(said) and any(p.search(said) for p in told)

    def _without_inner_words(self, said: str) -> str:
        """The text, lower-cased, with red dots told inside the eye, mouth or throat, and the
        throat's own soreness or itch, blanked. Each pattern runs until it finds no more: a
        blanked word no longer matches, so a second word of the same clause is found next."""
        text = said.lower()
        for pattern in self.inner_not_skin:
            while m := pattern.search(text):
                start, end = m.span("word")
                text = text[:start] + " " * (end - start) + text[end:]
        return text

    def allergy_preparation(self, text: str) -> bool:
        """A known allergy, asked how to travel, eat or carry safely, with nothing happening now."""
        said = affirmed(text)
        if not any(p.search(said) for p in self.allergy_stated):
            return False
        lowered = said.lower()
        return _has(self.allergy_prep_asks, lowered) and not _has(self.allergy_now, lowered)

    def _injury_in(self, said: str) -> bool:
        """An injury to a joint, bone or nail bed, or legs swollen from sitting, with no wound or
        skin finding beside it (`said`: the text already read for denials)."""
        if not any(p.search(said) for p in self.not_skin_patterns):
            return False
        return not _has(self.beside_injury, said.lower())

    def non_skin_topic(self, text: str) -> str | None:
        """The non-skin complaint told ("崴脚了", "got the runs"), denials read out; None when
        one of its red flags is told beside it."""
        said = affirmed(text)
        topics = self.non_skin_topics.items()
        told = next((topic for topic, ps in topics if any(p.search(said) for p in ps)), None)
        flags = self.non_skin_red_flags.get(told or "", ())
        whole = self.non_skin_red_flags_whole_text.get(told or "", ())
        if any(p.search(said) for p in flags) or any(p.search(text) for p in whole):
            return None
        return told

    def finding_kinds(self, text: str) -> int:
        """How many kinds of finding (where, looks, feels, when, cause) the question reports."""
        lowered = affirmed(text).lower()
        return sum(_has(words, lowered) for words in self.findings.values())

    def tells_skin_finding(self, text: str) -> bool:
        """Whether the question says how the skin looks or feels (red, itchy, 起疹): a complaint,
        not only a question about a product or a plan."""
        lowered = affirmed(text).lower()
        return any(_has(self.findings[kind], lowered) for kind in ("looks", "feels"))

    def is_place(self, said: str) -> bool:
        """Whether these words only say where on the body ("脚后跟", "heels"): a place tells one
        condition from its neighbour, not a condition from a care question."""
        word = said.strip().lower()
        places = self.findings["where"]
        return word in places or (word.endswith("s") and word[:-1] in places)

    def asks_care(self, text: str) -> bool:
        """Whether it asks how to prevent, protect or which product to use (no findings needed)."""
        return _has(self.care_asks, affirmed(text).lower())

    def too_vague(self, text: str) -> bool:
        return self.finding_kinds(text) < self.min_findings and not self.asks_care(text)


@cache
def question_kinds(path: Path = KINDS_FILE) -> QuestionKinds:
    data: dict[str, Any] = read_yaml(path)
    patterns = tuple(re.compile(p, re.IGNORECASE) for p in data["dose_request"])
    words = _words(data["skin_words"])
    findings = {kind: _words(spec) for kind, spec in data["findings"].items()}
    care = _words(data["care_asks"])
    borrowed = tuple(re.compile(p, re.IGNORECASE) for p in data.get("borrowed_medicine") or ())
    not_skin = tuple(re.compile(p, re.IGNORECASE) for p in data.get("not_skin") or ())
    beside = _words(data["skin_findings_beside_injury"])
    vaccine = data["vaccine_doses"]
    return QuestionKinds(
        patterns,
        words,
        findings,
        int(data["min_findings"]),
        care,
        borrowed,
        not_skin,
        beside,
        tuple(re.compile(p, re.IGNORECASE) for p in data["allergy_stated"]),
        _words(data["allergy_prep_asks"]),
        _words(data["allergy_now"]),
        tuple(re.compile(p) for p in data.get("inner_not_skin") or ()),
        _patterns_by_topic(data.get("skin_told")),
        tuple(re.compile(p, re.IGNORECASE) for p in vaccine["near"]),
        re.compile(vaccine["context"], re.IGNORECASE),
        re.compile(vaccine["course"], re.IGNORECASE),
        _patterns_by_topic(data.get("non_skin_topics")),
        _patterns_by_topic(data.get("non_skin_topic_red_flags")),
        _patterns_by_topic(data.get("non_skin_topic_red_flags_whole_text")),
    )


def _patterns_by_topic(spec: dict[str, list[str]] | None) -> dict[str, tuple[re.Pattern[str], ...]]:
    return {t: tuple(re.compile(p, re.IGNORECASE) for p in ps) for t, ps in (spec or {}).items()}
