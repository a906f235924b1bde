"""The per-ask reader: a turn cut into its asks, each ask read by a model trained on asks.

Why a model of its own: the whole-turn classifier reads a fragment ("住Shinjuku还是Ueno", "I
have 3 days in Rome") as it never saw one in training and adds spurious experts (design D1,
evals/triage/results/README.md 2026-12-02b). Here the training turns are cut the same way as a
turn at run time, so fragments are what the model learned from: an ask of a one-label turn
inherits its label; an ask of a multi-label turn takes the gold label that the older single-ask
router (graph/routing, trained on one-ask turns) scores highest; the routing rows (one ask each)
join as they are. Single-label (multiclass) over the answering experts and out-of-scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agents.fitted_models import trusted_inputs
from agents.registry import TRAVEL_EXPERTS
from graph.routing.classifier import TRAIN_PATH as ROUTING_TRAIN_PATH
from graph.routing.classifier import TurnClassifier, load_rows
from graph.triage.labels import ANSWERING, OUT_OF_SCOPE
from graph.triage.router import ask_breaks

ASK_LABELS: tuple[str, ...] = (*ANSWERING, OUT_OF_SCOPE)
# Chinese and Japanese turns often chain asks with a space instead of a comma: "峨眉山两天一夜
# 怎么上山 山上住哪" is three asks. Not Korean: Hangul puts a space between words ("공항에서
# 왕푸징까지 어떻게 가나요" is one ask), so a space between Hangul syllables is no break.
CJK_CHAR = "\u3040-\u30ff\u4e00-\u9fff"
CJK_SPACE = re.compile(rf"(?<=[{CJK_CHAR}])\s+(?=[{CJK_CHAR}])")
MIN_ASK_CHARS = 2  # a piece shorter than this ("我") carries no ask
# Ask-level labels of the training turns' pieces, `none` for background (evals/triage/ask_labels.py)
ASKS_TRAIN_PATH = Path(__file__).with_name("data") / "asks_train.jsonl"
NO_ASK = "none"
# Ask pieces written by hand for TRAIN (not cut from a turn): short asks as people chain them
# and background pieces (`none`), en/zh/mixed, thin in the cut pieces (results/
# multi_combination_rule_2026-12-02g.md); never from an evaluation item.
ASKS_WRITTEN_PATH = Path(__file__).with_name("data") / "asks_written_2026-12-02g.jsonl"


def asks_of(text: str) -> list[str]:
    """The turn cut at its ask breaks (asks.yaml) and at spaces between CJK characters."""
    pieces: list[str] = []
    for part in ask_breaks().split(text):
        if part:
            pieces.extend(CJK_SPACE.split(part))
    return [p.strip() for p in pieces if len(p.strip()) >= MIN_ASK_CHARS]


def labelled_asks(path: Path = ASKS_TRAIN_PATH) -> dict[str, list[tuple[str, str]]]:
    """The hand- and rule-labelled pieces of the chained training turns, by turn."""
    import json

    found: dict[str, list[tuple[str, str]]] = {}
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.setdefault(row["turn"], []).append((row["ask"], row["label"]))
    return found


def hand_pieces(path: Path = ASKS_TRAIN_PATH) -> set[str]:
    """The pieces labelled one by one by hand (the multi-label turns')."""
    import json

    if not path.exists():
        return set()
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {row["ask"] for row in rows if row.get("how") == "hand"}


def _written(path: Path = ASKS_WRITTEN_PATH) -> list[dict[str, str]]:
    import json

    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def written_asks() -> list[str]:
    return [row["ask"] for row in _written()]


def written_labels() -> list[str]:
    return [row["label"] for row in _written()]


def ask_rows(
    turns: Iterable[tuple[str, list[str]]],
    labeller: TurnClassifier,
    labelled: dict[str, list[tuple[str, str]]] | None = None,
) -> tuple[list[str], list[str]]:
    """Each ordinary turn's asks with a label each (turns that escalate are left out: the reader
    only ever adds an answering expert to a turn nobody escalated). A turn in `labelled` takes
    its pieces' own labels, `none` for background; any other turn (one newer than the labels)
    falls back to the older derivation: every piece inherits the turn's label, a piece of a
    multi-label turn the gold label the older router scores highest."""
    labelled = labelled or {}
    rows: list[tuple[str, str]] = []
    pieces: list[tuple[str, list[str]]] = []
    for text, gold in turns:
        if not gold or not all(g in ASK_LABELS for g in gold):
            continue
        if text in labelled:
            rows.extend(labelled[text])
        else:
            pieces.extend((ask, gold) for ask in asks_of(text))
    several = [ask for ask, gold in pieces if len(gold) > 1]
    read = dict(zip(several, labeller.scores_many(several), strict=True)) if several else {}
    rows += [
        (ask, gold[0] if len(gold) == 1 else max(gold, key=lambda g: read[ask].get(g, 0.0)))
        for ask, gold in pieces
    ]
    return [ask for ask, _ in rows], [label for _, label in rows]


def training_turns() -> list[tuple[str, list[str]]]:
    """The last user turn of every training row with its labels, then the routing rows."""
    from graph.triage.classifier import TRAIN_PATH

    turns: list[tuple[str, list[str]]] = []
    for row in load_rows(TRAIN_PATH):
        last = [m for m in row["messages"] if m["role"] == "user"][-1]["content"]
        turns.append((str(last), list(row["labels"])))
    for row in load_rows(ROUTING_TRAIN_PATH):
        turns.append((str(row["text"]), [str(row["expert"])]))
    return turns


@dataclass(frozen=True)
class AskRecipe:
    """How the reader learns; chosen on validation (evals/triage/ask_reader_grid.py)."""

    alpha: float = 5e-5
    # balanced class weights: the rarer experts' asks are not drowned by `none` (validation,
    # bar 0.6: multi-intent 18 -> 19/59, exact set 378 both; results/README.md 2026-12-02e)
    balanced: bool = True
    hand_weight: float = 1.0  # weight of the hand-labelled pieces (multi-label turns)
    # learn from the written pieces (ASKS_WRITTEN_PATH) as well: validation multi-intent 20 -> 21,
    # exact set 382 both, scripts 95/95 (results/multi_combination_rule_2026-12-02g.md)
    written: bool = True
    # up to 5 (was 4): validation exact set 380 -> 382, multi-intent 19 -> 20/59, spurious
    # extras 8 both, scripts 95/95 (results/multi_combination_rule_2026-12-02g.md)
    char_ngrams: tuple[int, int] = (1, 5)
    word_ngrams: tuple[int, int] | None = None  # whole words as well (None: chars only)


@dataclass(frozen=True)
class AskReader:
    pipeline: Any

    @classmethod
    def fit(
        cls,
        labeller: TurnClassifier,
        labelled: dict[str, list[tuple[str, str]]] | None = None,
        recipe: AskRecipe | None = None,
    ) -> AskReader:
        """`labelled` defaults to data/asks_train.jsonl; `{}` gives the older derivation."""
        recipe = recipe or AskRecipe()
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.pipeline import make_pipeline, make_union

        texts, labels = ask_rows(
            training_turns(), labeller, labelled_asks() if labelled is None else labelled
        )
        if recipe.written:
            texts, labels = [*texts, *written_asks()], [*labels, *written_labels()]
        features: Any = TfidfVectorizer(
            analyzer="char_wb", ngram_range=recipe.char_ngrams, sublinear_tf=True
        )
        if recipe.word_ngrams is not None:
            words = TfidfVectorizer(
                analyzer="word", ngram_range=recipe.word_ngrams, sublinear_tf=True
            )
            features = make_union(features, words)
        pipeline = make_pipeline(
            features,
            # the same seeded SGD logistic recipe as the classifiers: probabilities, deterministic
            SGDClassifier(
                loss="log_loss",
                alpha=recipe.alpha,
                max_iter=50,
                tol=1e-4,
                random_state=0,
                class_weight="balanced" if recipe.balanced else None,
            ),
        )
        hand = hand_pieces() if recipe.hand_weight != 1.0 else set()
        weights = [recipe.hand_weight if t in hand else 1.0 for t in texts]
        pipeline.fit(texts, labels, sgdclassifier__sample_weight=weights)
        return cls(pipeline)

    def read(self, text: str) -> list[tuple[str, str, float]]:
        """Each ask of a turn of two or more: (ask, its best label, that label's probability).
        A turn of one ask gives nothing: the whole-turn readers have already read it."""
        asks = asks_of(text)
        if len(asks) < 2:
            return []
        with trusted_inputs():
            rows = self.pipeline.predict_proba(asks)
        classes = [str(c) for c in self.pipeline.classes_]
        found: list[tuple[str, str, float]] = []
        for ask, row in zip(asks, rows, strict=True):
            best = int(row.argmax())
            found.append((ask, classes[best], float(row[best])))
        return found

    def probabilities(self, asks: list[str]) -> list[dict[str, float]]:
        """Each ask's P(label) (the reading layer's per-ask reader averages with it)."""
        if not asks:
            return []
        with trusted_inputs():
            rows = self.pipeline.predict_proba(asks)
        classes = [str(c) for c in self.pipeline.classes_]
        return [dict(zip(classes, map(float, row), strict=True)) for row in rows]

    def answering(self, text: str, bar: float, within: str | None = None) -> set[str]:
        """The answering experts some ask of the turn names with at least `bar` (only asks that
        are part of `within`, when given: the turn after a word that opens another ask)."""
        return {
            label
            for ask, label, p in self.read(text)
            if label in ANSWERING and p >= bar and (within is None or ask in within)
        }

    def travel_readings(self, asks: list[str]) -> list[tuple[str, float, str | None]]:
        """Each ask: its best label, its probabilities summed over the travel experts, and the
        travel expert it names best (None when the reader knows no travel expert)."""
        if not asks:
            return []
        with trusted_inputs():
            rows = self.pipeline.predict_proba(asks)
        classes = [str(c) for c in self.pipeline.classes_]
        travel = [i for i, c in enumerate(classes) if c in TRAVEL_EXPERTS]
        return [
            (
                classes[int(row.argmax())],
                float(sum(row[i] for i in travel)),
                classes[max(travel, key=lambda i: row[i])] if travel else None,
            )
            for row in rows
        ]

    def travel_asks(self, asks: list[str], bar: float) -> set[str]:
        """For each of these asks that the reader reads as travel as a whole (its probabilities
        summed over the travel experts at least `bar`), the travel expert it names best. Beside
        a complaint the reader is often sure an ask is travel but not whose: no one travel
        expert reaches the bar (h109_travel_side_rule_2026-12-07d.md)."""
        return {
            expert
            for _, travel, expert in self.travel_readings(asks)
            if expert is not None and travel >= bar
        }


_DEFAULT: list[AskReader] = []


def default_ask_reader(cache_dir: Path | None = None) -> AskReader:
    """The process's one per-ask reader, fitted once (kept on disk like the classifier,
    `agents.fitted_models`, keyed by its training turns and this code)."""
    if not _DEFAULT:
        import json
        import sys

        from agents import fitted_models
        from graph.routing.classifier import default_classifier

        parts: list[bytes | str] = [
            json.dumps(training_turns(), ensure_ascii=False),
            ASKS_TRAIN_PATH.read_bytes() if ASKS_TRAIN_PATH.exists() else b"",
            ASKS_WRITTEN_PATH.read_bytes() if ASKS_WRITTEN_PATH.exists() else b"",
            *fitted_models.source_of(sys.modules[__name__]),
        ]
        fit = lambda: AskReader.fit(default_classifier())  # noqa: E731
        _DEFAULT.append(fitted_models.load_or_fit(cache_dir, "ask_reader", parts, fit))
    return _DEFAULT[0]
