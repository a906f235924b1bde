"""One rule says what "sealed" means for every eval tool (evals/splits.py): a tool that kept its
own copy of the check could drift (a `startswith`, a different word) and read the test split."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from evals.splits import SEALED_SPLIT, is_sealed_file

ROOT = Path(__file__).resolve().parents[2]
# near_duplicates compares the test split against the others on purpose (it reads no answers).
ALLOWED = {"evals/splits.py", "evals/triage/near_duplicates.py"}


@pytest.mark.parametrize(
    ("name", "sealed"),
    [
        ("evals/medical/data/questions_test.jsonl", True),
        ("graph/triage/data/test.jsonl", True),
        ("evals/triage/data/fresh_2026-12-07h-nets.jsonl", False),
        ("validation", False),
        (SEALED_SPLIT, True),
    ],
)
def test_is_sealed_file(name: str, sealed: bool) -> None:
    assert is_sealed_file(name) is sealed


def _own_checks(path: Path) -> list[int]:
    """Lines comparing something with the literal "test" (`"test" in name`, `split == "test"`)."""
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(
            isinstance(n, ast.Constant) and n.value == SEALED_SPLIT
            for n in [node.left, *node.comparators]
        )
    ]


def test_no_eval_tool_keeps_its_own_sealed_check() -> None:
    found = {
        str(p.relative_to(ROOT)): lines
        for p in sorted((ROOT / "evals").rglob("*.py"))
        if str(p.relative_to(ROOT)) not in ALLOWED and (lines := _own_checks(p))
    }
    assert not found, f"use evals.splits.is_sealed_file / SEALED_SPLIT instead: {found}"


def test_evaluate_refuses_a_sealed_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from evals.triage import evaluate

    sealed = tmp_path / "test.jsonl"
    sealed.write_text("", "utf-8")
    argv = ["evaluate", "--data", str(sealed), "--out", str(tmp_path / "o.json")]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit):
        evaluate.main()
    assert "sealed" in capsys.readouterr().err
