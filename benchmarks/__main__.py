"""python -m benchmarks --profile smoke|full|headline [--only suite,...] [--stop-at HH:MM]

Each suite writes results/<profile>/<suite>.json; then summary.json, RESULTS.md and the plot
are rebuilt from every suite present (so suites can run one at a time, each under the lock).
The full profile's summary goes to results/, the smoke profile's stays in results/smoke/.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import report
from benchmarks.context import Context
from benchmarks.profiles import PROFILES
from benchmarks.registry import SUITES
from config.settings import REPO_ROOT, Settings
from serving.prepare import prepare

RESULTS = Path(__file__).resolve().parent / "results"
log = logging.getLogger("benchmarks")


def stop_at_epoch(hh_mm: str) -> float:
    hour, minute = (int(x) for x in hh_mm.split(":"))
    today = datetime.now(UTC).replace(hour=hour, minute=minute, second=0, microsecond=0)
    return today.timestamp()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--profile", choices=sorted(PROFILES), default="smoke")
    parser.add_argument("--only", help="comma-separated suites (default: the profile's)")
    parser.add_argument("--report-only", action="store_true", help="rebuild summary and table")
    parser.add_argument(
        "--variants",
        help="tuning: measure only these variants (after vLLM's default binding) and save them "
        "as tuning_recheck.json, to repeat a surprising result",
    )
    parser.add_argument(
        "--levels",
        help="vllm: measure only these concurrency levels (no LoRA runs) and merge them into "
        "the existing vllm.json scaling curve",
    )
    parser.add_argument(
        "--vllm-url",
        help="measure a running server (…/v1, key from OPENAI_API_KEY) instead of starting one; "
        "the tuning suite needs servers it starts",
    )
    parser.add_argument(
        "--stop-at",
        help="HH:MM (UTC, today): start no further repeat that would not end by then",
    )
    parser.add_argument(
        "--py-spy",
        type=Path,
        help="headline: a py-spy binary to profile decode steps with and without the LoRA",
    )
    parser.add_argument("--repeats", type=int, help="repeats per figure (default: the profile's)")
    parser.add_argument(
        "--resume",
        action="store_true",
        help="headline_lora_variants: keep the sessions already saved and run only the rest",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = Settings()
    profile = PROFILES[args.profile]
    if args.variants:
        profile = replace(profile, tuning_variants=tuple(args.variants.split(",")))
    if args.repeats:
        profile = replace(profile, repeats=args.repeats)
    if args.levels:
        levels = tuple(int(c) for c in args.levels.split(","))
        profile = replace(profile, levels=levels, lora_levels=())
    out_dir = RESULTS / profile.folder
    python = prepare(settings)
    log_dir = REPO_ROOT / "var" / "bench-logs"
    ctx = Context(settings, profile, out_dir, log_dir, python, external_vllm=args.vllm_url)
    ctx.tuning_name = "tuning"
    if args.variants:  # tuning_recheck, tuning_recheck_2, ...: repeats never overwrite
        taken = {p.stem for p in out_dir.glob("tuning_recheck*.json")}
        ctx.tuning_name = next(
            name
            for i in range(1, 100)
            if (name := "tuning_recheck" + (f"_{i}" if i > 1 else "")) not in taken
        )
    ctx.merge_scaling = bool(args.levels)
    ctx.py_spy = args.py_spy
    ctx.resume = args.resume
    if args.stop_at:
        ctx.stop_at = stop_at_epoch(args.stop_at)
    if not args.report_only:
        only = args.only.split(",") if args.only else profile.suites
        for name in [s.strip() for s in only if s.strip()]:
            if name not in SUITES:
                parser.error(f"unknown suite {name!r}; choose from {', '.join(SUITES)}")
            started = time.monotonic()
            print(f"==> {name} ({profile.name})", flush=True)
            SUITES[name](ctx)
            print(f"==> {name} done in {time.monotonic() - started:.0f}s", flush=True)
    summary_dir = RESULTS if profile.folder == "full" else out_dir
    summary = report.write(profile.folder, out_dir, summary_dir, python)
    for key, t in summary["targets"].items():
        print(f"{key}: {t['value']} (target {t['target']}, met: {t['met']})")


if __name__ == "__main__":
    main()
