"""Find the condition cards that fit a health question: two character n-gram scorers, combined.

Why this and not embeddings: nothing may load from a model hub here, no small multilingual
sentence encoder ships on PyPI, and char n-grams handle Chinese, English and code-switched text
with no tokenizer in about a millisecond per question. Two views of the same card, both over
char n-grams (1-4): the TF-IDF cosine between the question and the whole card (names, aliases,
looks_like), and a linear classifier trained at start-up on the cards' phrases plus the labelled
traveller questions of the train split (`condition_questions.jsonl`), which learns the words
people use that no card lists. Findings the user denies ("no rash", "没有起疹子") are read out
of the question first (`negation.py`), so they bring no card. The weights and the "nothing
fits" floor are chosen on the validation questions (`python -m evals.medical.retrieval
--grid`), never on the sealed test split.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.fitted_models import trusted_inputs
from agents.knowledge.conditions import (
    CONDITIONS_PATH,
    LANGS,
    Card,
    ConditionKB,
    load_conditions,
)
from agents.knowledge.negation import affirmed

QUESTIONS_PATH = Path(__file__).with_name("condition_questions.jsonl")


@dataclass(frozen=True)
class SearchConfig:
    lexical_weight: float = 0.3  # the cosine's share; the classifier gets the rest
    min_cosine: float = 0.05  # below this best cosine no card fits: "cannot tell"
    ngram_range: tuple[int, int] = (1, 4)
    alpha: float = 1e-4  # the classifier's L2 penalty (solver "sgd")
    class_weight: str | None = None  # "balanced": every card's questions weigh the same in all
    # The classifier also learns "no card" from the train questions that have none (vague,
    # non-skin, prescription); at or above this probability of it, nothing fits. 1.0: ignored.
    # 0.15 on validation: 4 of 11 no-card questions "cannot tell", no card question loses its
    # card; from 0.07 down real ones do (an emergency card at 0.06). Numbers: evals/README.md.
    max_none: float = 0.15
    # The SGD fit's stopping and seed: where an early-stopped fit ends depends on the rows and
    # their order, so evaluations vary them to see a change through the optimiser's noise
    # (evals/medical/results/retriever_seed_spread_rule_2026-12-04n.md).
    max_iter: int = 100
    tol: float = 1e-3
    random_state: int = 0
    # "sgd": the seeded SGD model above (served). Else a LogisticRegression solver ("newton-cg",
    # with max_iter 1000, tol 1e-6): a multinomial logistic regression fitted to its optimum
    # (deterministic: no seed, no row order), penalty 1/C; C 10 is validation's choice
    # (`python -m evals.medical.retrieval --c-grid`). Measured, not adopted: steadier to card
    # edits, but a named sunburn lost its card (steady_retriever_rule_2026-12-07a.md).
    solver: str = "sgd"
    C: float = 10.0


@dataclass(frozen=True)
class Match:
    card: Card
    score: float


def card_phrases(card: Card) -> list[str]:
    return [
        *(card.names[lang] for lang in LANGS),
        *(a for lang in LANGS for a in card.aliases[lang]),
        *(card.looks_like[lang] for lang in LANGS),
    ]


NO_CARD = "__no_card__"  # the class of train questions no card answers


def load_questions(path: Path = QUESTIONS_PATH) -> list[tuple[str, str]]:
    """(question, condition id) pairs of the train split; NO_CARD for those without one."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [(r["question"], r.get("condition") or NO_CARD) for r in rows]


class ConditionSearch:
    """Ranks every card for a question; pure and in-memory once built."""

    def __init__(
        self,
        kb: ConditionKB,
        examples: Sequence[tuple[str, str]] = (),
        config: SearchConfig | None = None,
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression, SGDClassifier
        from sklearn.pipeline import make_pipeline

        self.config = config or SearchConfig()
        self.cards = list(kb.cards.values())
        documents = [" \n ".join(card_phrases(c)) for c in self.cards]
        self.vectorizer: Any = TfidfVectorizer(
            analyzer="char_wb", ngram_range=self.config.ngram_range, sublinear_tf=True
        )
        self._cards_matrix = self.vectorizer.fit_transform(documents)
        texts = [p for c in self.cards for p in card_phrases(c)]
        labels = [c.id for c in self.cards for _p in card_phrases(c)]
        known = {c.id for c in self.cards} | {NO_CARD}
        texts += [q for q, cid in examples if cid in known]
        labels += [cid for _q, cid in examples if cid in known]
        self.classifier: Any = make_pipeline(
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=self.config.ngram_range, sublinear_tf=True
            ),
            # seeded SGD: deterministic; the fit took ~3 s CPU at start-up on the busy 2-core box
            # (newton-cg, not served: ~30-50 s)
            SGDClassifier(
                loss="log_loss",
                alpha=self.config.alpha,
                class_weight=self.config.class_weight,
                max_iter=self.config.max_iter,
                tol=self.config.tol,
                random_state=self.config.random_state,
            )
            if self.config.solver == "sgd"
            else LogisticRegression(
                C=self.config.C,
                solver=self.config.solver,
                class_weight=self.config.class_weight,
                max_iter=self.config.max_iter,
                tol=self.config.tol,
            ),
        )
        self.classifier.fit(texts, labels)
        self.lay_out_for_queries()
        order = {cid: i for i, cid in enumerate(self.classifier.classes_)}
        self._class_index = [order[c.id] for c in self.cards]
        self._no_card_index = order.get(NO_CARD)

    def lay_out_for_queries(self) -> None:
        """Store the classifier's weights column-major (the same numbers).

        Why: a prediction multiplies the question's sparse n-gram row by `coef_.T`, and scipy
        copies that operand to C order first: with row-major weights (67 classes × ~55k
        n-grams) that was a 29 MB copy per call, two calls per health turn, ~37 of the turn's
        51 ms CPU (benchmarks/README.md, "The API's own overhead"). Column-major weights make
        `coef_.T` C-contiguous, so nothing is copied and the sums run in the same order.
        """
        import numpy as np

        model = self.classifier.steps[-1][1]
        model.coef_ = np.asfortranarray(model.coef_)

    def cosines(self, question: str) -> list[float]:
        with trusted_inputs():
            query = self.vectorizer.transform([affirmed(question)])
        return [float(x) for x in (self._cards_matrix @ query.T).toarray().ravel()]

    def scores(self, question: str) -> list[float]:
        """One score per card in KB order: each view scaled by its best, then mixed."""
        cos = self.cosines(question)
        with trusted_inputs():
            probs = self.classifier.predict_proba([affirmed(question)])[0]
        prob = [float(probs[i]) for i in self._class_index]
        top_cos, top_prob = max(cos) or 1.0, max(prob) or 1.0
        w = self.config.lexical_weight
        return [w * a / top_cos + (1 - w) * b / top_prob for a, b in zip(cos, prob, strict=True)]

    def search(self, question: str, k: int = 3) -> list[Match]:
        """The k best cards, best first (whatever their score)."""
        ranked = sorted(zip(self.cards, self.scores(question), strict=True), key=lambda x: -x[1])
        return [Match(c, s) for c, s in ranked[:k]]

    def rank(self, question: str, ids: Sequence[str]) -> list[Match]:
        """The cards named by `ids`, best-scoring first, for a question."""
        if not ids:
            return []
        by_id = dict(zip((c.id for c in self.cards), self.scores(question), strict=True))
        cards = {c.id: c for c in self.cards}
        return sorted((Match(cards[i], by_id[i]) for i in ids), key=lambda m: -m.score)

    def no_card_probability(self, question: str) -> float:
        if self._no_card_index is None:
            return 0.0
        return float(self.classifier.predict_proba([affirmed(question)])[0][self._no_card_index])

    def fits_any(self, question: str) -> bool:
        """Whether the question shares enough with any card to answer from one."""
        if max(self.cosines(question)) < self.config.min_cosine:
            return False
        return (
            self.config.max_none >= 1.0 or self.no_card_probability(question) < self.config.max_none
        )

    def fitting(self, texts: Sequence[str], k: int = 3) -> list[Match]:
        """The cards for the thread's newest health question (empty: none fits).

        A short follow-up ("还是很痒怎么办") is read with the user turn before it.
        """
        if not texts:
            return []
        question = texts[-1]
        if len(texts) > 1 and not self.fits_any(question):
            question = f"{texts[-2]}\n{texts[-1]}"
        if not self.fits_any(question):
            return []
        return self.search(question, k)


_DEFAULT: list[ConditionSearch] = []


def default_search(cache_dir: Path | None = None) -> ConditionSearch:
    """The process's one search over the shipped cards and train questions. The first call
    builds it: graph build passes the settings' cache directory (a fitted search is reused from
    disk, `agents.fitted_models`); later calls, with or without it, get the same object."""
    if not _DEFAULT:
        import agents.knowledge.conditions as conditions_module
        from agents import fitted_models

        kb = load_conditions()  # validated first: a bad cards file stops start-up clearly
        parts: list[bytes | str] = [
            CONDITIONS_PATH.read_bytes(),
            QUESTIONS_PATH.read_bytes(),
            repr(SearchConfig()),
            *fitted_models.source_of(sys.modules[__name__], conditions_module),
        ]

        def fit() -> ConditionSearch:
            return ConditionSearch(kb, load_questions())

        search = fitted_models.load_or_fit(cache_dir, "condition_search", parts, fit)
        search.lay_out_for_queries()  # a search fitted and saved before this layout existed
        search.cards = [kb.cards[card.id] for card in search.cards]  # the process's own cards
        _DEFAULT.append(search)
    return _DEFAULT[0]
