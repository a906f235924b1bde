"""A follow-up on the condition just answered, answered by the card's own sentences closest to it.

Why: a follow-up the structured asks (`card_asks.py`) do not cover went to the adapter, and read
as a person would (evals/results/served-read/2026-12-03e) it named another condition for a
blistered sunburn ("风疹"), gave 112/911/120 as numbers for a bedbug luggage question, and began
"Yes, you can use a 1%" for hydrocortisone on an eight-month-old. The card's sourced sentences
already hold most answers ("不要挑破水疱", "keep luggage off the bed", "for babies, use any
medicated cream only on a pharmacist's advice"); the answer quotes the closest ones, and says
plainly when none is close, so nothing reaches the person that no source says.

Closeness is a TF-IDF cosine over words for Latin script (English stop words out, a plural "s"
dropped) and character pairs for Chinese (which has no spaces), the card's own name and aliases
taken out of the question first (every line of the card shares them). Char n-grams across Latin
words matched "tonight" to "morning and night"; words do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from agents.card_asks import AGE, PREGNANT
from agents.knowledge import Lang
from agents.knowledge.conditions import Card, load_conditions
from agents.knowledge.negation import affirmed

SENTENCE = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+")
# A question this short after the name is taken out says nothing of its own ("好的", "thanks").
MIN_QUESTION_CHARS = 2
# Closeness a sentence needs to be quoted: a floor against one incidental shared term. Read by
# hand on the 21 stay-on-topic follow-ups of evals/medical/data/follow_ups_2026-12-02*.jsonl: no
# bar separates the sentences that answer from those that only share a word ("should I wash my
# clothes?" -> "wash the bites"), so the answer calls a quote "the closest the guidance comes",
# and its don'ts and see-a-doctor list follow either way. Tried on follow-ups written after
# (evals/results/served-read/2026-12-03ef-follow-ups.md).
QUOTE_BAR: dict[Lang, float] = {"zh": 0.1, "en": 0.1}
MAX_QUOTED = 2


Section = Literal["care", "do_not", "age", "see_doctor"]


@dataclass(frozen=True)
class Sentence:
    section: Section
    text: str


@dataclass(frozen=True)
class Quoted:
    """The card's sentences closest to a follow-up, best first, with their closeness."""

    sentences: tuple[Sentence, ...]
    scores: tuple[float, ...]

    @property
    def best(self) -> float:
        return self.scores[0] if self.scores else 0.0


def card_sentences(card: Card, lang: Lang) -> list[Sentence]:
    """The card's advice, sentence by sentence, in one language, each with its section. Not what
    it looks like (a follow-up repeating its symptoms matched the description, which answers
    nothing), nor the asked answers (`card_asks` answers those, and some say only that the card
    does not cover an ask), nor the red flags: a shared word is no sign that one shows ("no
    fever, the redness isn't spreading" matched "fever with spreading redness"); signs that do
    show are read before this (emergency_signs, systemic_red_flags) and lead the answer."""
    parts: list[tuple[Section, str]] = [
        *(("care", s) for s in card.care.get(lang, ())),
        *(("do_not", s) for s in card.do_not.get(lang, ())),
        ("age", card.min_age_notes.get(lang, "")),
        *(("see_doctor", s) for s in card.see_doctor.get(lang, ())),
    ]
    out: dict[str, Sentence] = {}
    for section, part in parts:
        for text in SENTENCE.split(part):
            if text and text.strip():
                out.setdefault(text.strip(), Sentence(section, text.strip()))
    return list(out.values())


LATIN_WORD = re.compile(r"[a-z][a-z0-9'-]+")
CJK_RUN = re.compile(r"[\u3400-\u9fff]+")


@cache
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def terms(text: str) -> list[str]:
    """Latin words (no stop words, a plural "s" dropped) and Chinese character pairs."""
    lowered = text.lower()
    words = [w for w in LATIN_WORD.findall(lowered) if w not in _stop_words()]
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
             for w in words]  # fmt: skip
    pairs = [run[i : i + 2] for run in CJK_RUN.findall(text) for i in range(max(1, len(run) - 1))]
    return words + pairs


@cache
def _vectorizer() -> Any:
    """Fitted once on every card sentence in both languages, so a word shared by every card
    ("皮肤", "skin") weighs little."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = [
        s.text
        for card in load_conditions().cards.values()
        for lang in ("zh", "en")
        for s in card_sentences(card, lang)  # type: ignore[arg-type]
    ]
    vectorizer = TfidfVectorizer(analyzer=terms, sublinear_tf=True)
    vectorizer.fit(corpus)
    return vectorizer


def without_names(card: Card, question: str) -> str:
    """The question without the card's names and aliases (both languages)."""
    names = [*card.names.values(), *(a for al in card.aliases.values() for a in al)]
    for name in sorted(names, key=len, reverse=True):
        question = re.sub(re.escape(name), " ", question, flags=re.IGNORECASE)
    return question.strip()


def closest(
    card: Card, question: str, lang: Lang, k: int = MAX_QUOTED, ages: bool = True
) -> Quoted:
    """The k card sentences closest to the question (in the answer's language); `ages`: the
    age-and-pregnancy note among them."""
    asked = without_names(card, affirmed(question))  # "no fever" is not a fever
    sentences = [s for s in card_sentences(card, lang) if ages or s.section != "age"]
    if len(asked) < MIN_QUESTION_CHARS or not sentences:
        return Quoted((), ())
    vectorizer = _vectorizer()
    from sklearn.metrics.pairwise import cosine_similarity

    texts = vectorizer.transform([s.text for s in sentences])
    scores = cosine_similarity(vectorizer.transform([asked]), texts)[0]
    ranked = sorted(range(len(sentences)), key=lambda i: -scores[i])[:k]
    return Quoted(tuple(sentences[i] for i in ranked), tuple(float(scores[i]) for i in ranked))


def quoted_lines(quoted: Quoted, bar: float, runner_up_share: float = 0.8) -> tuple[Sentence, ...]:
    """The sentences to quote: the best at or over the bar, and the next when it is nearly as
    close (a question often needs a "do" and a "do not")."""
    if quoted.best < bar:
        return ()
    return tuple(
        sentence
        for sentence, score in zip(quoted.sentences, quoted.scores, strict=True)
        if score >= bar and score >= runner_up_share * quoted.best
    )


# A time span a sentence states ("坚持6–8周", "within 1-2 weeks", "for up to 7 days").
TIME_SPAN = re.compile(
    r"\d+\s*(?:[–~-]\s*\d+\s*)?(?:个)?(?:小时|天|周|星期|个月|月|年|hours?|days?|weeks?|months?)",
    re.IGNORECASE,
)
DURATION = "duration"  # the ask id in prompts/card_asks.yaml


def answering_lines(
    card: Card, question: str, lang: Lang, asks: tuple[str, ...] = ()
) -> tuple[Sentence, ...]:
    """The card sentences to quote for a follow-up (none: the card does not say it directly).

    A "how long" ask the card's asked answers do not cover is answered by the sentences that
    state a time span ("外用药通常要坚持6–8周才见效" for "要多久能好？", which shares no word with
    it), in the card's order; else by closeness."""
    if DURATION in asks:
        spans = [s for s in card_sentences(card, lang) if TIME_SPAN.search(s.text)]
        if spans:
            return tuple(spans[:MAX_QUOTED])
    ages = bool({AGE, PREGNANT} & set(asks)) or not _care_speaks_of(card, question, lang)
    return quoted_lines(closest(card, question, lang, ages=ages), QUOTE_BAR[lang])


def _care_speaks_of(card: Card, question: str, lang: Lang) -> bool:
    """Whether a care line already speaks of everything the question shares with the age note.
    Then the note only limits what the care line answers, and a question naming the product
    ("过氧化苯甲酰用了脸发干，正常吗") is no age question (it got "12岁以下…先问药师"); a note
    that says what no care line does stays a candidate ("for babies, use any medicated cream
    (hydrocortisone …) only on a pharmacist's advice"). followup_age_note_rule_2026-12-06g.md"""
    sentences = card_sentences(card, lang)
    note = {t for s in sentences if s.section == "age" for t in terms(s.text)}
    shared = set(terms(without_names(card, question))) & note
    care = {t for s in sentences if s.section == "care" for t in terms(s.text)}
    return bool(shared) and shared <= care
