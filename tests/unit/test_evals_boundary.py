"""Runtime packages never import `evals/`: evaluations read the app, the app never reads them.

Why it matters: an app that imports its evaluation (its questions, its scoring words) can be tuned
to it without anyone noticing, and a deployment would ship the sealed test split.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("config", "serving", "agents", "graph", "api")


def imported_modules(source: str) -> set[str]:
    """Every module a source file imports, statically or through importlib by a literal name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id)
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def imports_evals(source: str) -> bool:
    return any(m == "evals" or m.startswith("evals.") for m in imported_modules(source))


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("import evals", True),
        ("from evals.medical.scoring import key_fact_recall", True),
        ("import evals.splits as s", True),
        ("import importlib\nimportlib.import_module('evals.medical')", True),
        ("def f():\n    from evals import splits", True),
        ("import evaluate\nfrom evalsx import y\nfrom .evals import z", False),
        ("text = 'see evals/README.md'  # evals.medical", False),
    ],
)
def test_the_detector_catches_imports_of_evals_and_nothing_else(source: str, bad: bool) -> None:
    assert imports_evals(source) is bad


def test_no_runtime_package_imports_evals() -> None:
    files = [p for pkg in RUNTIME_PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))]
    assert len(files) > 50, "the runtime packages were not found"
    offenders = [
        str(p.relative_to(ROOT)) for p in files if imports_evals(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
