"""The latest stack-test run, kept in the repo: JSON for tools, Markdown for people."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_results(folder: Path, results: dict[str, Any], stem: str = "stack-test") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    lines = [
        f"# `make stack-test` ({results.get('args') or 'no ARGS'}): latest run",
        "",
        f"Run {results['started']} → {results.get('finished', '?')} on {results['host']['cpus']} "
        f"CPUs; {results['host']['podman']} (runtime runc, cgroupfs); "
        f"{results['host']['compose'].splitlines()[0] if results['host']['compose'] else ''} "
        "against podman's Docker API socket; proxy: "
        f"{results['host'].get('nginx', '?')}.",
        "",
        "| timing | seconds |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in results["timings_s"].items()),
        "",
        "| image (latest build that was not cached) | seconds | built |",
        "|---|---|---|",
        *(
            f"| `{name}` | {cold['seconds']} | {cold['on']} |"
            for name, cold in results.get("cold_builds_s", {}).items()
        ),
        "",
        "| image | size (MB) |",
        "|---|---|",
        *(f"| `{name}` | {size} |" for name, size in results["image_sizes_mb"].items()),
        "",
        "| check | result |",
        "|---|---|",
        *(f"| {name} | `{_short(value)}` |" for name, value in results["checks"].items()),
        "",
        f"Failures: {len(results['failures'])}",
        *(f"- **{f['check']}**: {f['error'][:400]}" for f in results["failures"]),
        "",
    ]
    (folder / f"{stem}.md").write_text("\n".join(lines))
    print("\n".join(lines), flush=True)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text.replace("|", "\\|")[:300]
