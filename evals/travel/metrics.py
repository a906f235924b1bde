"""Score one travel answer: pure functions over the answer, its question and the destination.

- **repeated-line rate**: the share of an answer's sentences/lines (digits, markdown and
  punctuation ignored, ≥ MIN_PIECE characters) that nearly repeat an earlier one (similarity ≥
  NEAR_DUPLICATE) — "第1天：西湖周边…" / "第2天：西湖周边…" are one line said twice;
- **repeated 8-gram share**: the share of character 8-grams already seen earlier in the answer,
  which also catches a loop inside one line ("小笼包、生煎包、小笼包、生煎包…");
- **KB facts used**: distinct terms of the destination's entry (highlights, local food, aliases,
  airport codes) that the answer names and the question did not;
- **language**: the answer is in the question's language (mixed zh/en questions are read as
  Chinese, as the app does);
- **treatment advice**: sentences naming a medicine or home treatment as something to do
  (`phrases.yaml`, negation read with the guard's rules), plus the guard's own hazard findings.
  A travel expert should have none: the dermatology expert answers the health part.

Thresholds were set before any model answer was read; `LOOPING_*` flag an answer as looping.
Added after the first validation run (a single answer cut by its token budget reads well on the
rows above while it stops at day two): **days covered**, the share of the days asked for (an
itinerary question that names a number) that the answer has a day marker for ("第2天", "第二天",
"Day 2").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path
from typing import Any

from agents.guard import GuardContext, check_sentence, split_sentences
from agents.guard.checker import APOSTROPHES, affirmed_match
from agents.guard.rules import load_rules
from agents.knowledge import CJK, Destination, Lang, text_lang
from agents.medical_questions import question_kinds
from config.yaml_data import read_yaml
from evals.medical.scoring import language_matches

PHRASES = Path(__file__).with_name("phrases.yaml")
NEAR_DUPLICATE = 0.8
MIN_PIECE = 6
NGRAM = 8
LOOPING_LINE_RATE = 0.2
LOOPING_NGRAM_SHARE = 0.3
NOISE = re.compile(r"[\s\d\W_]+", re.UNICODE)
TERM_SPLIT = re.compile(r"[（）()、,，/;；]|与|和|及|\band\b|\bor\b")
IATA = re.compile(r"\(([A-Z]{3})\)|（([A-Z]{3})）")


def normalise(piece: str) -> str:
    """Letters only, lower case: "**第2天：** 西湖周边！" and "第3天 西湖周边" read the same."""
    return NOISE.sub("", piece).lower()


def repeated_line_rate(answer: str) -> float:
    """Share of the answer's sentences that nearly repeat an earlier sentence."""
    pieces = [p for p in (normalise(s) for s in split_sentences(answer)) if len(p) >= MIN_PIECE]
    if not pieces:
        return 0.0
    repeated = 0
    for i, piece in enumerate(pieces):
        if any(
            SequenceMatcher(None, piece, earlier, autojunk=False).ratio() >= NEAR_DUPLICATE
            for earlier in pieces[:i]
        ):
            repeated += 1
    return repeated / len(pieces)


def repeated_ngram_share(answer: str, n: int = NGRAM) -> float:
    """Share of character n-grams that already occurred earlier in the answer."""
    text = normalise(answer)
    grams = [text[i : i + n] for i in range(len(text) - n + 1)]
    if not grams:
        return 0.0
    seen: set[str] = set()
    again = 0
    for gram in grams:
        again += gram in seen
        seen.add(gram)
    return again / len(grams)


ZH_DAY_NUMERALS = "一二三四五六七八九十"


# "第5-6天", "Days 7-10": one line for several days (a KB plan's days it has nothing for).
DAY_RANGE = re.compile(
    r"第\s*(\d{1,2})\s*[-–至到]\s*(\d{1,2})\s*天|\bdays\s+(\d{1,2})\s*[-–]\s*(\d{1,2})\b", re.I
)


def _in_a_range(answer: str, n: int) -> bool:
    for m in DAY_RANGE.finditer(answer):
        low, high = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if int(low) <= n <= int(high):
            return True
    return False


def has_day(answer: str, n: int) -> bool:
    """Whether the answer names day n ("第2天", "第二天", "Day 2", "day two", "Days 1-3")."""
    if _in_a_range(answer, n):
        return True
    en_words = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    markers = [rf"第\s*{n}\s*天", rf"\bday\s*{n}\b"]
    if n <= len(ZH_DAY_NUMERALS):
        markers += [f"第{ZH_DAY_NUMERALS[n - 1]}天", rf"\bday\s+{en_words[n - 1]}\b"]
    return any(re.search(m, answer, re.I) for m in markers)


def days_covered(answer: str, days: int) -> float:
    """Share of days 1..days the answer names."""
    return sum(has_day(answer, n) for n in range(1, days + 1)) / days


def _script_fits(term: str, lang: Lang) -> bool:
    return bool(CJK.search(term)) == (lang == "zh")


def kb_terms(destination: Destination, lang: Lang) -> frozenset[str]:
    """The entry's checkable facts in one language: sights, dishes, aliases, airport codes."""
    terms: set[str] = set()
    for field in ("highlights", "local_food"):
        value = destination.data.get(field) or {}
        for item in value.get(lang, []) if isinstance(value, dict) else []:
            for part in TERM_SPLIT.split(str(item)):
                part = re.sub(r"^(the|a)\s+", "", part.strip(), flags=re.I)
                if len(part) >= (2 if lang == "zh" else 4):
                    terms.add(part)
    terms |= {a for a in destination.data.get("aliases", []) if _script_fits(a, lang)}
    for m in IATA.finditer(str(destination.data.get("getting_there", {}).get("en", ""))):
        terms.add(m.group(1) or m.group(2))
    names = {normalise(destination.name_zh), normalise(destination.name_en)}
    return frozenset(t for t in terms if normalise(t) not in names)


def kb_facts_used(answer: str, question: str, destination: Destination) -> list[str]:
    """The destination's terms the answer names that the question did not name already."""
    lang = text_lang(question)
    low_answer, low_question = answer.lower(), question.lower()
    return sorted(
        t
        for t in kb_terms(destination, lang)
        if t.lower() in low_answer and t.lower() not in low_question
    )


PRACTICAL_FIELDS = ("getting_there", "getting_around", "typical_costs", "best_seasons",
                    "emergency_number", "currency")  # fmt: skip
VALUE = re.compile(r"\d+(?:[.,]\d+)*(?:\s*[-–]\s*\d+(?:[.,]\d+)*)?|\b[A-Z]{3}\b")
DAY_MARKER = re.compile(r"第\s*[\d一二三四五六七八九十]+\s*天|\bday\s*\d+\b", re.I)
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)、]|[-*•])\s+\S", re.M)


def _values(text: str) -> set[str]:
    """Numbers, ranges and three-letter codes ("1-1.5", "120", "JPY", "ICN"), spaces dropped.
    One-digit numbers are left out: they are day and list markers as often as facts."""
    out = set()
    for m in VALUE.finditer(text):
        v = re.sub(r"\s+", "", m.group(0)).replace("–", "-")
        if len(v.replace(",", "").replace(".", "")) >= 2:
            out.add(v)
    return out


def kb_values_used(answer: str, question: str, destination: Destination) -> list[str]:
    """Values of the entry's practical fields (times, prices, numbers, codes) in the answer."""
    kb = set()
    for field in PRACTICAL_FIELDS:
        for lang in ("zh", "en"):
            kb |= _values(destination.field_text(field, lang) or "")  # type: ignore[arg-type]
    return sorted((kb & _values(answer)) - _values(question))


def unsupported_values(answer: str, question: str, kb_text: str) -> list[str]:
    """Values the answer states that neither the KB text (every destination's entry the question
    names) nor the question holds: invented times, prices, numbers and airport codes."""
    answer = DAY_RANGE.sub(" ", answer)  # "Days 7-10" is no fact
    return sorted(_values(answer) - _values(kb_text) - _values(question))


def follows_ask(answer: str, plan_expected: bool, days: int | None, count: int | None) -> bool:
    """A plan when a plan is asked (every asked day, none beyond), no plan otherwise; a list of
    exactly the asked number of items when a number is asked."""
    markers = DAY_MARKER.findall(answer)
    if plan_expected:
        if days and (days_covered(answer, days) < 1 or has_day(answer, days + 1)):
            return False
        if not days and not markers:
            return False
    elif markers:
        return False
    return count is None or len(LIST_ITEM.findall(answer)) == count


@cache
def _phrases() -> dict[str, Any]:

    data: dict[str, Any] = read_yaml(PHRASES)
    return data


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    data = _phrases()
    treatment = tuple(re.compile(p, re.I) for lang in ("zh", "en") for p in data["treatment"][lang])
    prevention = tuple(re.compile(p, re.I) for p in data["prevention"])
    return treatment, prevention


def treatment_sentences(answer: str) -> list[str]:
    """Sentences that name a medicine or home treatment as something to do (not negated)."""
    treatment, prevention = _compiled()
    rules = load_rules()
    found = []
    for sentence in split_sentences(answer):
        text = sentence.translate(APOSTROPHES)
        for p in prevention:
            text = p.sub(lambda m: " " * len(m.group(0)), text)
        if affirmed_match(treatment, text, rules) is not None:
            found.append(sentence.strip())
    return found


def guard_hazards(answer: str, lang: Lang, skin_question: bool = False) -> list[str]:
    """Hazard tags the response guard raises on the raw answer, as it guards a travel answer
    (no cards: the general rules; context-bound tags need their context, agents/guard)."""
    context = GuardContext(lang=lang, travel_answer=True, skin_question=skin_question)
    return [f.tag for s in split_sentences(answer) for f in check_sentence(s, context)]


@dataclass(frozen=True)
class TravelScores:
    repeated_line_rate: float
    repeated_ngram_share: float
    looping: bool
    kb_facts: int
    kb_facts_in_model_text: int
    language_ok: bool
    treatment_advice: int
    guard_hazards: int
    days_covered: float | None = None
    # Added with the KB-led answers (issue 15.5): practical values (times, prices, numbers,
    # codes) from the entry, values found in no KB entry the question names, and the ask's shape.
    kb_values: int = 0
    unsupported_values: int = 0
    follows_ask: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def score_answer(
    answer: str,
    question: str,
    destination: Destination,
    fixed_lines: Iterable[str] = (),
    days: int | None = None,
    kb_text: str = "",
    plan_expected: bool | None = None,
    count: int | None = None,
) -> TravelScores:
    """`fixed_lines` are what the app wrote, not the model (the day plan's intro and headings):
    facts in them are counted in `kb_facts` but not in `kb_facts_in_model_text`."""
    model_text = answer
    for line in fixed_lines:
        model_text = model_text.replace(line, "")
    line_rate = repeated_line_rate(answer)
    ngram_share = repeated_ngram_share(answer)
    lang = text_lang(question)
    return TravelScores(
        repeated_line_rate=round(line_rate, 3),
        repeated_ngram_share=round(ngram_share, 3),
        looping=line_rate >= LOOPING_LINE_RATE or ngram_share >= LOOPING_NGRAM_SHARE,
        kb_facts=len(kb_facts_used(answer, question, destination)),
        kb_facts_in_model_text=len(kb_facts_used(model_text, question, destination)),
        language_ok=language_matches(answer, lang),
        treatment_advice=len(treatment_sentences(answer)),
        guard_hazards=len(guard_hazards(answer, lang, question_kinds().mentions_skin(question))),
        days_covered=None if not days else round(days_covered(answer, days), 3),
        kb_values=len(kb_values_used(answer, question, destination)),
        unsupported_values=len(unsupported_values(answer, question, kb_text)),
        follows_ask=None
        if plan_expected is None
        else follows_ask(answer, plan_expected, days, count),
    )


def mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0
