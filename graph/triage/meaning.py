"""The triage layer that reads meaning: one logistic model per label over the base model's
reading of the last turn (mean-pooled hidden states of its first layers, `serving/embedder.py`).

Why: the char n-gram classifier reads strings — "head lice" as a head injury, "best tacos near
there?" as transport, a Korean food question as an itinerary. The base model's first 6 layers
carry what it misses: on validation, averaged with the char model, exact expert set
0.674 -> 0.767 and 113 -> 125/137 emergencies at P >= 0.5 with no more false alarms
(evals/triage/results/hidden_state_probe_2026-12-03.md), at ~40 ms a turn.

It only ever joins the char classifier (`TriageClassifier.read` blends the two): when the reading
server is down, slow or unset, triage is the rules and the char classifier, as before.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.routing.classifier import load_rows
from graph.triage.labels import LABELS
from serving.embedder import MAX_CHARS, MAX_TEXTS

if TYPE_CHECKING:
    from graph.triage.ask_meaning import AskMeaning
    from graph.triage.category_reader import CategoryReader

log = logging.getLogger(__name__)

TRAIN_PATH = Path(__file__).with_name("data") / "train.jsonl"
C = 0.01  # the probe's regularisation (C=0.05 read the same within a turn or two)
SEEN = 64  # turns remembered
# A failed read is remembered this long: the layers that ask for the same turn (the reading
# nets, the lead, the second experts) then wait for a slow server once per turn, not each.
FAILED_FOR_S = 5.0
FIT_TIMEOUT_S = 120.0  # a full batch of training turns takes seconds, a turn ~40 ms

Embed = Callable[[list[str]], list[list[float]]]


class HttpEmbedder:
    """The reading server's client. A failure raises: the caller falls back to the char model."""

    def __init__(self, url: str, timeout_s: float) -> None:
        import httpx

        self.url = url.rstrip("/")
        self.timeout_s = timeout_s
        self.client = httpx.Client(timeout=timeout_s)

    def identity(self) -> str:
        """What the vectors depend on (model and depth): part of the training cache's key."""
        response = self.client.get(f"{self.url}/health")
        response.raise_for_status()
        return json.dumps(response.json(), sort_keys=True)

    def __call__(self, texts: list[str], timeout_s: float | None = None) -> list[list[float]]:
        """`timeout_s` overrides the turn's budget (reading the training turns at start-up)."""
        response = self.client.post(
            f"{self.url}/embed", json={"texts": texts}, timeout=timeout_s or self.timeout_s
        )
        response.raise_for_status()
        vectors: list[list[float]] = response.json()["vectors"]
        return vectors


def training_turns(path: Path = TRAIN_PATH) -> tuple[list[str], list[list[str]]]:
    """The last user turn of each labelled training thread, and its labels (as in the probe)."""
    texts, labels = [], []
    for row in load_rows(path):
        users = [m["content"] for m in row["messages"] if m["role"] == "user"]
        texts.append(users[-1][:MAX_CHARS])
        labels.append(list(row["labels"]))
    return texts, labels


def read_all(embed: Embed, texts: Sequence[str]) -> Any:
    import numpy as np

    vectors: list[list[float]] = []
    for start in range(0, len(texts), MAX_TEXTS):
        vectors += embed(list(texts[start : start + MAX_TEXTS]))
    return np.asarray(vectors, dtype=np.float32)


def cached_features(
    embed: Embed, identity: str, texts: Sequence[str], cache_dir: Path | None
) -> Any:
    """The training turns' vectors, read once per (server identity, texts) and kept on disk:
    ~2,400 turns take about a minute and a half of the reading server on 2 cores."""
    import numpy as np

    key = hashlib.sha256(json.dumps([identity, list(texts)], ensure_ascii=False).encode())
    path = cache_dir / f"meaning_features_{key.hexdigest()[:16]}.npy" if cache_dir else None
    if path is not None and path.exists():
        return np.load(path)
    features = read_all(embed, texts)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp.npy")
            np.save(tmp, features)
            tmp.replace(path)
        except OSError as exc:  # a read-only cache (a locked-down container): read each start
            log.warning("could not keep the reading layer's training vectors: %s", exc)
    return features


@dataclass
class MeaningReader:
    """P(label) for the last turn from the reading server's vectors; None when it fails."""

    embed: Embed
    scaler: Any
    models: dict[str, Any]
    # the last turns read (the lead and the second experts read the same turn: one call);
    # route nodes run in worker threads, so the memory is shared under a lock
    seen: dict[str, dict[str, float]] = field(default_factory=dict)
    failed: dict[str, float] = field(default_factory=dict)  # text -> when its read failed
    lock: threading.Lock = field(default_factory=threading.Lock)
    # names a net escalation's category (None: off or not fitted; category_reader.py)
    categories: CategoryReader | None = None
    # reads each ask of a chained turn (None: off or not fitted; ask_meaning.py)
    asks: AskMeaning | None = None

    @classmethod
    def fit(cls, embed: Embed, features: Any, labels: Sequence[Sequence[str]]) -> MeaningReader:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        scaler = StandardScaler().fit(features)
        x = scaler.transform(features)
        models: dict[str, Any] = {}
        for label in LABELS:
            y = [label in r for r in labels]
            # a label the turns never (or always) carry reads as that constant
            models[label] = (
                LogisticRegression(C=C, max_iter=2000).fit(x, y) if len(set(y)) > 1 else float(y[0])
            )
        return cls(embed, scaler, models)

    def probabilities(self, text: str) -> dict[str, float] | None:
        text = text[:MAX_CHARS]
        with self.lock:
            if text in self.seen:
                return self.seen[text]
            if time.monotonic() - self.failed.get(text, -FAILED_FOR_S) < FAILED_FOR_S:
                return None
        read = self._read(text)
        with self.lock:
            if read is None:
                if len(self.failed) >= SEEN:
                    self.failed.pop(next(iter(self.failed)))
                self.failed[text] = time.monotonic()
            else:
                if len(self.seen) >= SEEN:
                    self.seen.pop(next(iter(self.seen)))
                self.seen[text] = read
                self.failed.pop(text, None)
        return read

    def category(self, text: str) -> str | None:
        """The emergency category of a turn the nets escalated, or None (category_reader.py)."""
        return self.categories.category(text) if self.categories is not None else None

    def ask_probabilities(self, asks: Sequence[str]) -> list[dict[str, float]] | None:
        """Each ask's P(label) from its meaning (ask_meaning.py); None: off or failing."""
        return self.asks.read(asks) if self.asks is not None else None

    def _read(self, text: str) -> dict[str, float] | None:
        try:
            vector = self.embed([text])
        except Exception as exc:  # down, slow or refusing: the char model triages alone
            log.warning("reading server unavailable, char classifier alone: %s", exc)
            return None
        x = self.scaler.transform(vector)
        return {
            label: m if isinstance(m, float) else float(m.predict_proba(x)[0, 1])
            for label, m in self.models.items()
        }


_READERS: dict[str, MeaningReader | None] = {}


def default_meaning_reader(
    url: str,
    timeout_s: float,
    cache_dir: Path | None,
    category_bar: float | None = None,
    ask_head: bool = False,
) -> MeaningReader | None:
    """The process's reader for `url`, trained on first use (later graph builds reuse it)."""
    if url not in _READERS:
        _READERS[url] = meaning_reader(url, timeout_s, cache_dir, category_bar, ask_head)
    return _READERS[url]


def meaning_reader(
    url: str,
    timeout_s: float,
    cache_dir: Path | None,
    category_bar: float | None = None,
    ask_head: bool = False,
) -> MeaningReader | None:
    """The reader trained on the training turns as the server at `url` reads them; None (and a
    warning) when the server cannot be reached at start-up. With `category_bar`, it also names
    a net escalation's category (category_reader.py); with `ask_head`, it also reads each ask
    of a chained turn (ask_meaning.py)."""
    client = HttpEmbedder(url, timeout_s)
    texts, labels = training_turns()
    try:
        identity = client.identity()
        slow = partial(client, timeout_s=max(timeout_s, FIT_TIMEOUT_S))
        features = cached_features(slow, identity, texts, cache_dir)
    except Exception as exc:
        log.warning("reading server at %s unavailable at start-up: %s", url, exc)
        return None
    reader = MeaningReader.fit(client, features, labels)
    if category_bar is not None:
        try:
            reader.categories = category_reader(
                client, slow, identity, features, cache_dir, category_bar
            )
        except Exception as exc:  # the reading layer still leads; escalations stay generic
            log.warning("no category reader (escalations keep the generic first aid): %s", exc)
    if ask_head:
        from graph.triage.ask_meaning import fit_ask_meaning

        try:
            reader.asks = fit_ask_meaning(client, slow, identity, cache_dir)
        except Exception as exc:  # the chars read the asks alone, as before
            log.warning("no per-ask meaning reader (asks read by their chars): %s", exc)
    return reader


def category_reader(
    client: Embed,
    slow: Embed,
    identity: str,
    train_features: Any,
    cache_dir: Path | None,
    bar: float,
) -> CategoryReader:
    """The category reader over the train split's emergencies (their vectors are among the
    training turns' already read) and the written ones (read once, cached like them)."""
    import numpy as np

    from graph.triage.category_reader import CategoryReader, categorised, written_rows

    rows = load_rows(TRAIN_PATH)
    keep = [i for i, row in enumerate(rows) if categorised([row])[0]]
    train_texts, train_categories = categorised(rows[i] for i in keep)
    texts, categories = categorised(written_rows())
    written = cached_features(slow, identity, texts, cache_dir)
    features = np.concatenate([train_features[keep], written])
    return CategoryReader.fit(
        client, features, [*train_texts, *texts], [*train_categories, *categories], bar
    )
