"""Models fitted at start-up (condition retrieval, triage) kept on disk between processes.

Why: fitting them cost about 7 s of CPU in every API process, so every restart, replica and
test server paid it before `/ready`. The fit is deterministic (seeded), so a model fitted from the
same inputs by the same code and library versions is the same model: it is stored under a key
made of exactly those (the training texts/labels or data file bytes, the fitting modules' source,
the library versions) and fitted again whenever any of them changes. A missing, unreadable or
corrupt file is fitted again and rewritten; without a cache directory nothing is stored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from types import ModuleType
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


def trusted_inputs() -> AbstractContextManager[None]:
    """scikit-learn's per-call checks skipped around our own pipelines' predictions.

    Why: on a turn, a prediction re-validates the fitted estimator's parameters and scans its
    TF-IDF input for NaN/inf, about 1.5 of the triage classifier's 9.6 ms CPU per turn (profiled
    12-02, benchmarks/README.md). The inputs are our vectorisers' output (always finite) and the
    parameters our own, so the checks cannot fail; the numbers are the same. A context (sklearn's
    configuration is per thread, and sync nodes run in worker threads), not a global setting.
    """
    import sklearn

    return sklearn.config_context(assume_finite=True, skip_parameter_validation=True)


def source_of(*modules: ModuleType) -> list[bytes]:
    """The modules' source files: a change in how a model is fitted is a new key."""
    return [Path(str(m.__file__)).read_bytes() for m in modules]


def cache_key(name: str, parts: Iterable[bytes | str]) -> str:
    import numpy
    import scipy
    import sklearn

    digest = hashlib.sha256()
    versions = (sys.version, numpy.__version__, scipy.__version__, sklearn.__version__)
    for part in (name, *versions, *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:32]


def load_or_fit(
    cache_dir: Path | None, name: str, parts: Iterable[bytes | str], fit: Callable[[], T]
) -> T:
    if cache_dir is None:
        return fit()
    import joblib

    path = cache_dir / f"{name}-{cache_key(name, parts)}.joblib"
    if path.exists():
        try:
            model: T = joblib.load(path)
            return model
        except Exception:  # a torn or foreign file: fit again and replace it
            log.warning("fitted model cache %s is unreadable; fitting again", path)
    model = fit()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, suffix=".tmp", delete=False) as tmp:
            joblib.dump(model, tmp)
        os.replace(tmp.name, path)  # atomic: a concurrent start never reads half a file
    except OSError as exc:  # a read-only cache is not a reason to fail start-up
        log.warning("could not store the fitted model %s: %s", path, exc)
    return model
