"""Which emergency a net's escalation is, when no rule, no doctor's sign and no open emergency
names it: the first aid of that category instead of the generic call-now template.

Why: the nets catch most emergencies and name no category, so "cool the burn under running
water for 20 minutes" or "use their adrenaline auto-injector" was missing from most escalation
replies (validation: 0.35 of caught emergencies got their own category's first aid). A category
model over the char n-grams alone named 26-45% wrong at every bar (2026-12-04, not adopted); the
average of a model over the reading layer's vectors and one over the char n-grams, trained on
the train split's emergencies and the written emergencies of 2026-12-07g, names 53 of 120
validation emergencies at P >= 0.4 with 4 wrong (rule and grid:
evals/triage/results/category_reader_rule_2026-12-07g.md). It needs the reading server: without
it nothing is named (the generic template, as before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.routing.classifier import load_rows
from graph.triage.labels import EMERGENCY, SELF_HARM
from serving.embedder import MAX_CHARS

# Emergencies written for the category reader (and parked from train: with them in the
# classifier's training turns validation routing lost 5 exact sets for no emergency caught —
# evals/triage/results/emergency_data_2026-12-07g.md).
WRITTEN_PATH = Path(__file__).with_name("data") / "emergencies_written_2026-12-07g.jsonl"
BAR = 0.4  # chosen on validation by the rule above: the lowest bar with <= 1 in 10 named wrong

Embed = Callable[[list[str]], list[list[float]]]


def categorised(rows: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The last user turn and category of each emergency that has one (self-harm has its own
    reply and is never a first-aid category)."""
    texts, categories = [], []
    for row in rows:
        if EMERGENCY in row["labels"] and row.get("category") not in (None, SELF_HARM):
            users = [m["content"] for m in row["messages"] if m["role"] == "user"]
            texts.append(users[-1][:MAX_CHARS])
            categories.append(str(row["category"]))
    return texts, categories


def written_rows(path: Path = WRITTEN_PATH) -> list[dict[str, Any]]:
    return load_rows(path)


def vector_model(features: Any, categories: Sequence[str]) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=3000))
    return model.fit(features, list(categories))


def char_model(texts: Sequence[str], categories: Sequence[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True),
        LogisticRegression(C=10.0, max_iter=3000),
    )
    return model.fit(list(texts), list(categories))


@dataclass
class CategoryReader:
    """P(category) averaged over the two models; a category only at or above `bar`."""

    embed: Embed
    vectors: Any
    chars: Any
    bar: float = BAR

    @classmethod
    def fit(
        cls,
        embed: Embed,
        features: Any,
        texts: Sequence[str],
        categories: Sequence[str],
        bar: float,
    ) -> CategoryReader:
        vectors, chars = vector_model(features, categories), char_model(texts, categories)
        assert list(vectors.classes_) == list(chars.classes_)
        return cls(embed, vectors, chars, bar)

    @property
    def classes(self) -> list[str]:
        return list(self.vectors.classes_)

    def probabilities(self, features: Any, texts: Sequence[str]) -> Any:
        """Averaged P(category) rows for turns already read by the reading server."""
        return (self.vectors.predict_proba(features) + self.chars.predict_proba(list(texts))) / 2

    def category(self, text: str) -> str | None:
        """The turn's category, or None (unsure, or the reading server failed: the generic
        template is safer than a guess from the chars alone)."""
        text = text[:MAX_CHARS]
        try:
            vector = self.embed([text])
        except Exception:
            return None
        row = self.probabilities(vector, [text])[0]
        best = int(row.argmax())
        return self.classes[best] if row[best] >= self.bar else None
