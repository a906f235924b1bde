"""Find the condition cards that fit a health question: TF-IDF over character n-grams.

Why this and not embeddings: nothing may load from a model hub here, no small multilingual
sentence encoder ships on PyPI, and char n-grams handle Chinese, English and code-switched text
with no tokenizer in well under a millisecond per question. A card is scored two ways, both by
cosine similarity: against the whole card (names, aliases, looks_like) and against its best
single phrase (one alias or name), because a question usually matches one lay phrasing closely.
The weights and the "nothing fits" floor are chosen on the validation questions
(`evals/medical/`), never on the sealed test split.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from agents.knowledge.conditions import LANGS, Card, ConditionKB, load_conditions


@dataclass(frozen=True)
class SearchConfig:
    whole_weight: float = 0.5  # weight of the whole-card score; the best phrase gets the rest
    min_score: float = 0.12  # below this no card fits: the answer says it cannot tell
    ngram_range: tuple[int, int] = (1, 3)


@dataclass(frozen=True)
class Match:
    card: Card
    score: float


def card_phrases(card: Card) -> list[str]:
    return [
        *(card.names[lang] for lang in LANGS),
        *(a for lang in LANGS for a in card.aliases[lang]),
    ]


def card_document(card: Card) -> str:
    return " \n ".join([*card_phrases(card), *(card.looks_like[lang] for lang in LANGS)])


class ConditionSearch:
    """Ranks every card for a question; pure and in-memory once built."""

    def __init__(self, kb: ConditionKB, config: SearchConfig | None = None) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.config = config or SearchConfig()
        self.cards = list(kb.cards.values())
        phrases = [(i, p) for i, c in enumerate(self.cards) for p in card_phrases(c)]
        self._phrase_owner = [i for i, _p in phrases]
        self.vectorizer: Any = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.config.ngram_range,
            sublinear_tf=True,
            lowercase=True,
        )
        self.vectorizer.fit([card_document(c) for c in self.cards] + [p for _i, p in phrases])
        self._cards_matrix = self.vectorizer.transform([card_document(c) for c in self.cards])
        self._phrase_matrix = self.vectorizer.transform([p for _i, p in phrases])

    def scores(self, question: str) -> list[float]:
        """One score in [0, 1] per card, in KB order."""
        query = self.vectorizer.transform([question])
        whole = (self._cards_matrix @ query.T).toarray().ravel()
        phrase = (self._phrase_matrix @ query.T).toarray().ravel()
        best = [0.0] * len(self.cards)
        for owner, s in zip(self._phrase_owner, phrase, strict=True):
            best[owner] = max(best[owner], float(s))
        w = self.config.whole_weight
        return [w * float(a) + (1 - w) * b for a, b in zip(whole, best, strict=True)]

    def search(self, question: str, k: int = 3) -> list[Match]:
        """The k best cards, best first (whatever their score)."""
        scored = sorted(zip(self.cards, self.scores(question), strict=True), key=lambda x: -x[1])
        return [Match(c, s) for c, s in scored[:k]]

    def fitting(self, texts: Sequence[str], k: int = 3) -> list[Match]:
        """The cards that fit the thread's newest health question (empty: none fits).

        The newest turn decides; an earlier turn only adds context to a short follow-up
        ("还是很痒怎么办"), so its words count with the newest ones.
        """
        if not texts:
            return []
        question = texts[-1] if len(texts) == 1 else f"{texts[-2]}\n{texts[-1]}"
        matches = self.search(texts[-1], k)
        if len(texts) > 1 and (not matches or matches[0].score < self.config.min_score):
            matches = self.search(question, k)
        return [m for m in matches if m.score >= self.config.min_score]


@cache
def default_search() -> ConditionSearch:
    return ConditionSearch(load_conditions())
