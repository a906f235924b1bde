"""Start-up models are fitted once and reused from disk while their inputs are unchanged."""

from __future__ import annotations

from pathlib import Path

import joblib

from agents.fitted_models import cache_key, load_or_fit
from agents.knowledge.condition_search import ConditionSearch, load_questions
from agents.knowledge.conditions import load_conditions


class Counter:
    def __init__(self) -> None:
        self.fits = 0

    def __call__(self) -> dict[str, int]:
        self.fits += 1
        return {"fit": self.fits}


def test_a_model_is_fitted_once_then_read_back(tmp_path: Path) -> None:
    fit = Counter()
    first = load_or_fit(tmp_path, "m", ["data v1"], fit)
    again = load_or_fit(tmp_path, "m", ["data v1"], fit)
    assert fit.fits == 1
    assert again == first


def test_changed_inputs_fit_again(tmp_path: Path) -> None:
    fit = Counter()
    load_or_fit(tmp_path, "m", ["data v1"], fit)
    load_or_fit(tmp_path, "m", ["data v2"], fit)
    load_or_fit(tmp_path, "other", ["data v1"], fit)
    assert fit.fits == 3
    assert cache_key("m", [b"ab", b"c"]) != cache_key("m", [b"a", b"bc"]), "parts are framed"


def test_a_corrupt_file_is_fitted_again_and_replaced(tmp_path: Path) -> None:
    fit = Counter()
    load_or_fit(tmp_path, "m", ["x"], fit)
    (stored,) = tmp_path.glob("m-*.joblib")
    stored.write_bytes(b"not a pickle")
    assert load_or_fit(tmp_path, "m", ["x"], fit) == {"fit": 2}
    assert joblib.load(stored) == {"fit": 2}


def test_without_a_cache_directory_nothing_is_stored(tmp_path: Path) -> None:
    fit = Counter()
    load_or_fit(None, "m", ["x"], fit)
    load_or_fit(None, "m", ["x"], fit)
    assert fit.fits == 2


def test_an_unwritable_cache_still_starts(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder should be")
    assert load_or_fit(blocked / "fitted", "m", ["x"], Counter()) == {"fit": 1}


def test_a_search_read_back_ranks_exactly_as_the_fitted_one(tmp_path: Path) -> None:
    fitted = load_or_fit(
        tmp_path, "s", ["v"], lambda: ConditionSearch(load_conditions(), load_questions())
    )
    read_back = load_or_fit(tmp_path, "s", ["v"], lambda: None)
    assert isinstance(read_back, ConditionSearch)
    for question in ["我脸上长痘痘怎么办？", "itchy red rings on my arm", "晒伤了很疼"]:
        assert [(m.card.id, m.score) for m in read_back.search(question, 3)] == [
            (m.card.id, m.score) for m in fitted.search(question, 3)
        ]
