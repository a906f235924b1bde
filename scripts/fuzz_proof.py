"""`make fuzz-proof`: plant each fault of tests/unit/fuzz_faults.py and show the fuzz tests fail.

Runs the fuzz tests (/chat: tests/unit/test_api_fuzz.py; the LangGraph Server API under
/langgraph: tests/unit/test_langgraph_fuzz.py) once clean (they must pass) and once per planted
fault (one of them must fail), and writes what happened to tests/results/fuzz_proof.md. Outside
CI: a few minutes per run on a quiet machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.unit.fuzz_faults import FAULTS  # noqa: E402

RESULTS = REPO / "tests" / "results" / "fuzz_proof.md"
EXAMPLES = os.environ.get("TG_FUZZ_EXAMPLES", "300")
FUZZ_TESTS = ("tests/unit/test_api_fuzz.py", "tests/unit/test_langgraph_fuzz.py")
STATS = ("fuzz:", "langgraph fuzz:")


def run(fault: str) -> tuple[bool, str, float]:
    env = {**os.environ, "TG_FUZZ_FAULT": fault, "TG_FUZZ_EXAMPLES": EXAMPLES}
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *FUZZ_TESTS,
            "-x",  # a planted fault is caught once one fuzz test fails
            "-q",
            "-s",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    out = proc.stdout + proc.stderr
    lines = [ln for ln in out.splitlines() if ln.startswith(("E ", *STATS))]
    summary = next(
        (ln for ln in out.splitlines() if re.match(r"^(=+ )?\d+ (passed|failed)", ln)), ""
    )
    first = next((ln for ln in lines if re.search(r"Error|assert", ln)), "") or next(
        (ln for ln in lines if ln.startswith("E ")),
        "",  # e.g. httpx.ReadTimeout: a hang
    )
    stats = "; ".join(ln for ln in lines if ln.startswith(STATS))
    failed = next((ln.split(" ")[1] for ln in out.splitlines() if ln.startswith("FAILED ")), "")
    detail = f"{failed.split('::')[0]}: {first}" if failed else stats
    return (
        proc.returncode == 0,
        f"{summary.strip()} — {detail.strip()[:300]}",
        (time.monotonic() - started),
    )


def main() -> int:
    rows = []
    ok = True
    for fault in ("", *FAULTS):
        passed, detail, took = run(fault)
        expected = fault == ""
        ok &= passed == expected
        verdict = (
            "passes (as it must)"
            if passed and expected
            else ("CAUGHT (fails)" if not passed and not expected else "WRONG")
        )
        row = f"| {fault or '(none)'} | {verdict} | {took:.0f} s | {detail.replace('|', '/')} |"
        print(row, flush=True)
        rows.append(row)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        "# Fuzz proof (`make fuzz-proof`)\n\n"
        f"{' and '.join(FUZZ_TESTS)} with {EXAMPLES} examples each, clean and with each fault "
        "of tests/unit/fuzz_faults.py planted (pytest -x: the run stops at the first fuzz test "
        "that fails). The clean run must pass; every planted fault must make one fail.\n\n"
        "| planted fault | fuzz tests | time | pytest summary — the failing test: first "
        "assertion (clean: the fuzz statistics) |\n"
        "|---|---|---|---|\n" + "\n".join(rows) + "\n"
    )
    verdict = "all as expected" if ok else "NOT as expected"
    print(f"written to {RESULTS.relative_to(REPO)}; {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
