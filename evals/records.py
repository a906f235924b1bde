"""Where evaluation results are filed, and the sealed test split's rules (evals/README.md).

Results are filed under the commit they were measured at, so a number always names the code that
produced it. A sealed split runs once per release, whole, from a clean tree, and is never rewritten.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
from pathlib import Path

from evals.splits import SEALED_SPLIT

REPO = Path(__file__).resolve().parents[1]


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def commit_of(repo: Path = REPO) -> tuple[str, bool]:
    """The short commit and whether tracked files differ from it (results are filed under it)."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        return git("rev-parse", "--short=10", "HEAD"), bool(
            git("status", "--porcelain", "--untracked-files=no")
        )
    except (OSError, subprocess.CalledProcessError):
        return "nogit", True


def check_sealed(args: argparse.Namespace, out: Path, dirty: bool) -> None:
    """The test split runs once per release, whole, from a clean tree, and is never rewritten."""
    if args.split != SEALED_SPLIT:
        return
    if not args.release:
        raise SystemExit("the test split is sealed: pass --release NAME (evals/README.md)")
    if args.limit:
        raise SystemExit("the test split runs whole: drop --limit")
    if dirty:
        raise SystemExit("the test split is recorded with a commit: commit your changes first")
    if (out / "answers.json").exists():
        raise SystemExit(
            f"{out} already holds a test result for this commit; it is never rewritten"
        )
